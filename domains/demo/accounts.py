"""The two template bakeries: who they are and what they sell, in Spanish.

Only catalogue data lives here (names, prices, recipes); `dataset.py` turns it into rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from domains.demo.kinds import DemoAccountType

NAMESPACE = uuid.UUID("5b0b6a3e-8f0c-4f7e-9d0a-6d656d6f0001")
"""uuid v5 namespace of every template id: the same ids on every machine."""

DEMO_OWNER_ID = uuid.uuid5(NAMESPACE, "owner")
"""`owner_id` of the templates and their copies: no account, nobody can sign in as it."""


def template_tenant_id(account: DemoAccountType) -> uuid.UUID:
    """The fixed tenant id of a template bakery."""
    return uuid.uuid5(NAMESPACE, f"template:{account.value}")


@dataclass(frozen=True, slots=True)
class IngredientSpec:
    key: str
    name: str
    category: str
    unit: str
    reorder_point: Decimal
    unit_cost: Decimal


@dataclass(frozen=True, slots=True)
class ProductSpec:
    key: str
    name: str
    kind: str  # FINISHED or PAR_BAKED
    price: Decimal
    daily_units: int  # a typical weekday's sales
    cost: Decimal  # what a unit costs to buy (par-baked) or roughly to make


@dataclass(frozen=True, slots=True)
class RecipeSpec:
    product: str
    yield_units: int
    lines: tuple[tuple[str, Decimal], ...]  # (ingredient key, quantity in its unit)
    instructions: str


@dataclass(frozen=True, slots=True)
class Account:
    """One template bakery."""

    type: DemoAccountType
    name: str
    city: str
    description: str
    features: tuple[str, ...]
    ingredients: tuple[IngredientSpec, ...]
    products: tuple[ProductSpec, ...]
    recipes: tuple[RecipeSpec, ...]
    suppliers: tuple[tuple[str, str, str], ...]  # (key, name, contact)
    customers: tuple[str, ...]

    @property
    def tenant_id(self) -> uuid.UUID:
        return template_tenant_id(self.type)


def _i(key: str, name: str, category: str, unit: str, reorder: str, cost: str) -> IngredientSpec:
    return IngredientSpec(key, name, category, unit, Decimal(reorder), Decimal(cost))


def _p(key: str, name: str, kind: str, price: str, daily: int, cost: str) -> ProductSpec:
    return ProductSpec(key, name, kind, Decimal(price), daily, Decimal(cost))


def _r(product: str, yield_units: int, text: str, *lines: tuple[str, str]) -> RecipeSpec:
    return RecipeSpec(product, yield_units, tuple((k, Decimal(q)) for k, q in lines), text)


_SAN_PABLO_INGREDIENTS = (
    _i("harina", "Harina de trigo", "Harinas", "KG", "50", "0.65"),
    _i("harina_fuerza", "Harina de fuerza", "Harinas", "KG", "25", "0.80"),
    _i("harina_integral", "Harina integral", "Harinas", "KG", "10", "0.95"),
    _i("levadura", "Levadura fresca", "Levaduras", "KG", "2", "4.20"),
    _i("masa_madre", "Masa madre", "Levaduras", "KG", "3", "2.00"),
    _i("levadura_quimica", "Levadura química", "Levaduras", "KG", "1", "5.00"),
    _i("mantequilla", "Mantequilla", "Lácteos", "KG", "10", "8.50"),
    _i("leche", "Leche entera", "Lácteos", "L", "20", "0.95"),
    _i("nata", "Nata para montar", "Lácteos", "L", "5", "3.80"),
    _i("huevos", "Huevos", "Huevos", "UNIT", "120", "0.22"),
    _i("azucar", "Azúcar", "Azúcares", "KG", "20", "1.10"),
    _i("azucar_glas", "Azúcar glas", "Azúcares", "KG", "5", "1.90"),
    _i("miel", "Miel", "Azúcares", "KG", "2", "9.50"),
    _i("sal", "Sal", "Básicos", "KG", "5", "0.45"),
    _i("agua", "Agua filtrada", "Básicos", "L", "0", "0.01"),
    _i("aceite_oliva", "Aceite de oliva virgen extra", "Aceites", "L", "5", "7.50"),
    _i("aceite_girasol", "Aceite de girasol", "Aceites", "L", "5", "2.20"),
    _i("manteca", "Manteca de cerdo", "Grasas", "KG", "4", "3.20"),
    _i("chocolate", "Chocolate negro", "Chocolates", "KG", "5", "11.00"),
    _i("cacao", "Cacao en polvo", "Chocolates", "KG", "2", "9.00"),
    _i("crema", "Crema pastelera", "Rellenos", "KG", "4", "5.50"),
    _i("cabello_angel", "Cabello de ángel", "Rellenos", "KG", "2", "6.00"),
    _i("almendra", "Almendra molida", "Frutos secos", "KG", "3", "12.00"),
    _i("nueces", "Nueces", "Frutos secos", "KG", "2", "14.00"),
    _i("pasas", "Pasas", "Frutas secas", "KG", "2", "6.00"),
    _i("limon", "Limón", "Frutas", "UNIT", "20", "0.30"),
    _i("canela", "Canela en polvo", "Especias", "KG", "0.5", "18.00"),
    _i("sesamo", "Semillas de sésamo", "Semillas", "KG", "1", "6.50"),
)

_SAN_PABLO_PRODUCTS = (
    _p("barra", "Barra de pan", "FINISHED", "1.10", 60, "0.25"),
    _p("pan_pueblo", "Pan de pueblo", "FINISHED", "2.80", 12, "0.70"),
    _p("pan_integral", "Pan integral", "FINISHED", "2.20", 10, "0.60"),
    _p("croissant", "Croissant", "FINISHED", "1.40", 30, "0.45"),
    _p("napolitana", "Napolitana de chocolate", "FINISHED", "1.60", 25, "0.50"),
    _p("ensaimada", "Ensaimada", "FINISHED", "2.50", 8, "0.80"),
    _p("magdalenas", "Magdalenas", "FINISHED", "0.60", 40, "0.15"),
    _p("palmera", "Palmera de hojaldre", "FINISHED", "1.50", 15, "0.40"),
)

_SAN_PABLO_RECIPES = (
    _r(
        "barra",
        40,
        "Amasar, fermentar 2 horas, formar las barras y hornear a 230 °C 20 minutos.",
        ("harina", "10"),
        ("agua", "6.5"),
        ("levadura", "0.2"),
        ("sal", "0.2"),
    ),
    _r(
        "pan_pueblo",
        12,
        "Masa madre del día anterior, fermentación lenta y horno de leña.",
        ("harina_fuerza", "5"),
        ("masa_madre", "1.5"),
        ("agua", "3.4"),
        ("sal", "0.1"),
    ),
    _r(
        "pan_integral",
        10,
        "Hidratación alta, semillas por encima y horno a 220 °C.",
        ("harina_integral", "4"),
        ("agua", "3"),
        ("levadura", "0.08"),
        ("sal", "0.08"),
        ("sesamo", "0.1"),
    ),
    _r(
        "croissant",
        30,
        "Laminar la mantequilla en tres pliegues, formar y fermentar antes de hornear.",
        ("harina_fuerza", "2"),
        ("mantequilla", "1.2"),
        ("leche", "0.6"),
        ("azucar", "0.25"),
        ("levadura", "0.06"),
        ("huevos", "4"),
        ("sal", "0.04"),
    ),
    _r(
        "napolitana",
        25,
        "Hojaldre fermentado con barritas de chocolate, pintado con huevo.",
        ("harina_fuerza", "1.8"),
        ("mantequilla", "1"),
        ("chocolate", "0.5"),
        ("azucar", "0.2"),
        ("huevos", "4"),
        ("levadura", "0.05"),
    ),
    _r(
        "ensaimada",
        10,
        "Masa con manteca enrollada en espiral; azúcar glas al servir.",
        ("harina_fuerza", "1.5"),
        ("manteca", "0.4"),
        ("azucar", "0.35"),
        ("huevos", "6"),
        ("azucar_glas", "0.1"),
        ("cabello_angel", "0.5"),
    ),
    _r(
        "magdalenas",
        48,
        "Batir huevos y azúcar, añadir aceite y ralladura de limón; reposar la masa.",
        ("harina", "1"),
        ("huevos", "16"),
        ("azucar", "0.9"),
        ("aceite_girasol", "0.8"),
        ("levadura_quimica", "0.03"),
        ("limon", "2"),
    ),
    _r(
        "palmera",
        20,
        "Hojaldre con azúcar, doblado en corazón y caramelizado en el horno.",
        ("harina", "1.2"),
        ("mantequilla", "0.9"),
        ("azucar", "0.4"),
        ("sal", "0.02"),
    ),
)

_LA_ESPIGA_INGREDIENTS = (
    _i("aceite_oliva", "Aceite de oliva virgen extra", "Aceites", "L", "3", "7.50"),
    _i("tomate", "Tomate rallado", "Frescos", "KG", "2", "2.40"),
    _i("sal_escamas", "Sal en escamas", "Básicos", "KG", "0.5", "6.00"),
    _i("jamon", "Jamón serrano loncheado", "Charcutería", "KG", "2", "16.00"),
    _i("queso", "Queso manchego", "Lácteos", "KG", "2", "13.50"),
    _i("azucar_glas", "Azúcar glas", "Azúcares", "KG", "1", "1.90"),
)

_LA_ESPIGA_PRODUCTS = (
    _p("barra_pre", "Barra precocida", "PAR_BAKED", "0.95", 70, "0.30"),
    _p("baguette_pre", "Baguette precocida", "PAR_BAKED", "1.20", 30, "0.38"),
    _p("chapata_pre", "Chapata precocida", "PAR_BAKED", "1.30", 20, "0.42"),
    _p("pan_cristal_pre", "Pan de cristal precocido", "PAR_BAKED", "2.60", 12, "0.90"),
    _p("rustico_pre", "Pan rústico precocido", "PAR_BAKED", "2.40", 10, "0.80"),
    _p("integral_pre", "Barra integral precocida", "PAR_BAKED", "1.25", 15, "0.40"),
    _p("croissant_pre", "Croissant congelado", "PAR_BAKED", "1.30", 35, "0.35"),
    _p("napolitana_pre", "Napolitana congelada", "PAR_BAKED", "1.50", 25, "0.40"),
    _p("caracola_pre", "Caracola de pasas congelada", "PAR_BAKED", "1.60", 10, "0.45"),
    _p("trenza_pre", "Trenza de crema congelada", "PAR_BAKED", "1.80", 8, "0.55"),
    _p("panecillo_pre", "Panecillo precocido", "PAR_BAKED", "0.40", 40, "0.10"),
    _p("mollete_pre", "Mollete precocido", "PAR_BAKED", "0.70", 20, "0.20"),
    _p("payes_pre", "Pan de payés precocido", "PAR_BAKED", "3.20", 8, "1.10"),
    _p("semillas_pre", "Pan de semillas precocido", "PAR_BAKED", "2.90", 8, "0.95"),
    _p("bollo_leche_pre", "Bollo de leche congelado", "PAR_BAKED", "0.80", 15, "0.22"),
    _p("coca_recapte", "Coca de recapte", "FINISHED", "3.50", 6, "1.20"),
    _p("ensaimada", "Ensaimada", "FINISHED", "2.60", 8, "0.85"),
    _p("magdalenas", "Magdalenas", "FINISHED", "0.65", 30, "0.18"),
    _p("pan_tomate", "Pan con tomate", "FINISHED", "2.20", 20, "0.60"),
    _p("bocadillo_jamon", "Bocadillo de jamón", "FINISHED", "4.50", 15, "1.60"),
    _p("bocadillo_queso", "Bocadillo de queso", "FINISHED", "4.00", 10, "1.40"),
    _p("tarta_santiago", "Tarta de Santiago (porción)", "FINISHED", "3.20", 6, "1.00"),
    _p("cookie", "Galleta de chocolate", "FINISHED", "1.80", 15, "0.50"),
    _p("donut", "Dónut glaseado", "FINISHED", "1.20", 20, "0.35"),
    _p("palmera", "Palmera de chocolate", "FINISHED", "1.90", 12, "0.55"),
)

_LA_ESPIGA_RECIPES = (
    _r(
        "pan_tomate",
        10,
        "Tostar el pan de cristal, untar tomate y aliñar con aceite y sal.",
        ("tomate", "0.6"),
        ("aceite_oliva", "0.15"),
        ("sal_escamas", "0.01"),
    ),
    _r(
        "bocadillo_jamon",
        10,
        "Barra recién horneada con tomate, aceite y jamón serrano.",
        ("tomate", "0.4"),
        ("aceite_oliva", "0.1"),
        ("jamon", "0.8"),
    ),
    _r(
        "bocadillo_queso",
        10,
        "Barra recién horneada con queso manchego en lonchas.",
        ("queso", "0.9"),
        ("aceite_oliva", "0.05"),
    ),
)

ACCOUNTS: dict[DemoAccountType, Account] = {
    DemoAccountType.INDIVIDUAL_BAKERY: Account(
        type=DemoAccountType.INDIVIDUAL_BAKERY,
        name="Panadería San Pablo",
        city="Madrid",
        description="Obrador de barrio que elabora su pan y bollería con materias primas.",
        features=(
            "Inventario de materias primas con lotes y caducidades",
            "Recetas y coste por unidad",
            "Producción diaria",
            "Compras a proveedores y recepciones",
            "Pedidos de clientes",
            "Punto de venta y ventas de 90 días",
            "Previsión de demanda con el tiempo de Madrid",
            "Alertas y notificaciones",
        ),
        ingredients=_SAN_PABLO_INGREDIENTS,
        products=_SAN_PABLO_PRODUCTS,
        recipes=_SAN_PABLO_RECIPES,
        suppliers=(
            ("harinas", "Harinas Castellanas S.L.", "Jorge Martín"),
            ("lacteos", "Lácteos de la Sierra", "Carmen Ruiz"),
            ("azucares", "Distribuciones Azucareras del Centro", "Pedro Sanz"),
            ("secos", "Frutos Secos Levante", "Lucía Ferrer"),
        ),
        customers=(
            "Cafetería El Retiro",
            "Hotel Gran Vía",
            "Colegio San Isidro",
            "Restaurante Casa Lucio",
            "María García López",
            "José Fernández Ruiz",
            "Bar La Latina",
            "Residencia Los Olivos",
            "Ana Martínez Gómez",
            "Catering Chamberí",
        ),
    ),
    DemoAccountType.CENTRAL_BAKER_SATELLITE: Account(
        type=DemoAccountType.CENTRAL_BAKER_SATELLITE,
        name="Panadería La Espiga",
        city="Barcelona",
        description=(
            "Punto de venta que hornea cada día el producto precocido de su obrador central."
        ),
        features=(
            "Productos precocidos recibidos del obrador central",
            "Pedidos al obrador y entregas",
            "Horneado y producción del día",
            "Pedidos de clientes",
            "Punto de venta y ventas de 90 días",
            "Previsión de demanda",
            "Alertas y notificaciones",
        ),
        ingredients=_LA_ESPIGA_INGREDIENTS,
        products=_LA_ESPIGA_PRODUCTS,
        recipes=_LA_ESPIGA_RECIPES,
        suppliers=(
            ("central", "Obrador Central La Espiga", "Montse Puig"),
            ("charcuteria", "Embutidos del Montseny", "Jordi Vila"),
        ),
        customers=(
            "Cafetería Gràcia",
            "Oficinas Diagonal 640",
            "Escola Sant Jordi",
            "Núria Soler i Roca",
            "Bar El Born",
            "Hotel Rambla",
        ),
    ),
}


TEMPLATE_TENANT_IDS = frozenset(template_tenant_id(account) for account in DemoAccountType)
"""The template bakeries' tenant ids: nobody's tenant, never listed, never deleted."""
