"""Tables of the `recipes` schema."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index, Integer, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    SoftDeletable,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
    trash_index,
)
from domains.inventory.units import Unit


class RecipesBase(DeclarativeBase):
    metadata = domain_metadata("recipes")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Recipe(TenantKeyed, Timestamped, SoftDeletable, RecipesBase):
    """How a product is made: what one batch yields, and the steps. One live recipe per product."""

    __tablename__ = "recipes"
    __table_args__ = (
        trash_index(),
        Index(
            "uq_recipes_live_product",
            "tenant_id",
            "product_id",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        CheckConstraint("yield_quantity > 0", name="yield_positive"),
    )

    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    name: Mapped[str] = mapped_column(Text)
    yield_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    yield_unit: Mapped[Unit] = mapped_column(text_enum(Unit, "unit"))
    instructions: Mapped[str] = mapped_column(Text, server_default="")


class RecipeIngredient(TenantKeyed, RecipesBase):
    """One line of a recipe: an ingredient and how much of it one batch uses."""

    __tablename__ = "recipe_ingredients"
    __table_args__ = (
        *tenant_foreign_key(["recipe_id"], "recipes"),
        Index(
            "uq_recipe_ingredients_recipe_ingredient",
            "tenant_id",
            "recipe_id",
            "ingredient_id",
            unique=True,
        ),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    recipe_id: Mapped[uuid.UUID]
    ingredient_id: Mapped[uuid.UUID] = reference("inventory.ingredients")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[Unit] = mapped_column(text_enum(Unit, "unit"))
    position: Mapped[int] = mapped_column(Integer)
