"""The recipes schema.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 04:25:07.661756
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMA = "recipes"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "recipes",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("yield_quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column(
            "yield_unit",
            sa.Enum(
                "KG",
                "G",
                "L",
                "ML",
                "UNIT",
                name="unit",
                native_enum=False,
                create_constraint=True,
                schema="recipes",
            ),
            nullable=False,
        ),
        sa.Column("instructions", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.Text(), nullable=True),
        sa.Column("deletion_reason", sa.Text(), nullable=True),
        sa.Column("deletion_batch_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("yield_quantity > 0", name=op.f("ck_recipes_yield_positive")),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_recipes")),
        schema="recipes",
    )
    op.create_index(
        op.f("ix_recipes_deletion_batch_id"),
        "recipes",
        ["deletion_batch_id"],
        unique=False,
        schema="recipes",
    )
    op.create_index(
        op.f("ix_recipes_product_id"), "recipes", ["product_id"], unique=False, schema="recipes"
    )
    op.create_index(
        "uq_recipes_live_product",
        "recipes",
        ["tenant_id", "product_id"],
        unique=True,
        schema="recipes",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "recipe_ingredients",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recipe_id", sa.Uuid(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column(
            "unit",
            sa.Enum(
                "KG",
                "G",
                "L",
                "ML",
                "UNIT",
                name="unit",
                native_enum=False,
                create_constraint=True,
                schema="recipes",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_recipe_ingredients_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "recipe_id"],
            ["recipes.recipes.tenant_id", "recipes.recipes.id"],
            name=op.f("fk_recipe_ingredients_tenant_id_recipe_id_recipes"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_recipe_ingredients")),
        schema="recipes",
    )
    op.create_index(
        op.f("ix_recipe_ingredients_ingredient_id"),
        "recipe_ingredients",
        ["ingredient_id"],
        unique=False,
        schema="recipes",
    )
    op.create_index(
        op.f("ix_recipe_ingredients_tenant_id_recipe_id"),
        "recipe_ingredients",
        ["tenant_id", "recipe_id"],
        unique=False,
        schema="recipes",
    )
    op.create_index(
        "uq_recipe_ingredients_recipe_ingredient",
        "recipe_ingredients",
        ["tenant_id", "recipe_id", "ingredient_id"],
        unique=True,
        schema="recipes",
    )


def downgrade() -> None:
    op.drop_index(
        "uq_recipe_ingredients_recipe_ingredient", table_name="recipe_ingredients", schema="recipes"
    )
    op.drop_index(
        op.f("ix_recipe_ingredients_tenant_id_recipe_id"),
        table_name="recipe_ingredients",
        schema="recipes",
    )
    op.drop_index(
        op.f("ix_recipe_ingredients_ingredient_id"),
        table_name="recipe_ingredients",
        schema="recipes",
    )
    op.drop_table("recipe_ingredients", schema="recipes")
    op.drop_index(
        "uq_recipes_live_product",
        table_name="recipes",
        schema="recipes",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(op.f("ix_recipes_product_id"), table_name="recipes", schema="recipes")
    op.drop_index(op.f("ix_recipes_deletion_batch_id"), table_name="recipes", schema="recipes")
    op.drop_table("recipes", schema="recipes")
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA}")
