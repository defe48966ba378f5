"""Synthetic but realistic customs transaction streams, with ground-truth labels.

Mix (per goods item, by default): ~88% legitimate trade in common chemicals (repeating a small set,
as real trade does), ~3% licensed trade in Category 2/3 substances, ~3% novel legitimate structures
(esters, amides, ethers nobody has listed), and ~6% illicit: scheduled precursors in several
spellings and salt forms, designer masks (known and novel), masked drugs, mis-declared consignments
under cover descriptions and catch-all codes, and invalid identifiers. Parties are invented.
"""

from __future__ import annotations

import csv
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
from rdkit import Chem

from chemistry.watchlist import COMMON_CSV, WATCHLIST_CSV

EU = ["NL", "BE", "DE", "FR", "ES", "IT", "PL", "CZ", "AT", "IE", "PT", "SE", "DK", "HU", "RO", "SK"]
NON_EU = ["CN", "IN", "US", "TR", "GB", "CH", "KR", "JP", "BR", "MX", "HK", "AE", "SG", "VN"]
FIRM_WORDS = ["Chem", "Trade", "Pharma", "Logistics", "Industrial", "Global", "Fine", "Bio", "Materials", "Solutions"]
FIRM_SUFFIX = {"NL": "B.V.", "DE": "GmbH", "FR": "SARL", "ES": "S.L.", "IT": "S.r.l.", "BE": "BV", "PL": "Sp. z o.o."}

ALCOHOLS = ["C", "CC", "CCC", "CC(C)", "CCCC", "CC(C)C", "CCOCC", "COCC", "CCCCC", "C1CCCC1", "CC=C"]
ARYLS = ["c1ccccc1", "c1ccc2c(c1)OCO2", "c1ccc(C)cc1", "c1ccc(Cl)cc1", "c1ccc(F)cc1", "c1ccc(OC)cc1"]
BENIGN_ARYLS = ["c1ccc(C)cc1", "c1ccc(Cl)cc1", "c1ccc(F)cc1", "c1ccc(OC)cc1", "c1ccncc1"]
BENIGN_ACIDS = ["CCCCC(=O)", "CC(C)CC(=O)", "CCCCCCC(=O)", "O=C(c1ccccc1)", "CCCCCCCCC(=O)", "C=CC(=O)", "CC(=O)"]
BENIGN_NUCLEOPHILES = ["OCC", "OCCCC", "OCC(C)C", "NCCCC", "N(C)C", "OCc1ccccc1", "OCCOC", "N1CCOCC1", "OC1CCCCC1"]

COVER = [
    "colour pigments and waxes",
    "polyester powder coating",
    "food additive",
    "cosmetic raw material",
    "plastic additive",
    "industrial wax",
]
CATCH_ALL = ["2942 00 00", "2932 99 00", "2918 99 90", "2933 39 99", "3824 99 93"]


@dataclass(slots=True)
class Product:
    label: str  # legit | licensed | novel_legit | scheduled | designer | masked_drug | drug | invalid
    name: str
    smiles: str
    cas: str
    cn: str
    category: str = ""


def _load_products() -> tuple[list[Product], list[Product], list[Product], list[Product]]:
    legit = [
        Product("legit", r["name"], r["smiles"], r["cas"], _cn8(r["hs_code"]))
        for r in csv.DictReader(COMMON_CSV.open(encoding="utf-8"))
    ]
    licensed, scheduled, designer = [], [], []
    for r in csv.DictReader(WATCHLIST_CSV.open(encoding="utf-8")):
        # A declaration carries some code: the inferred one where no sourced code is known to us.
        cn = (r["cn_code"] or r["cn_code_inferred"]).split(";")[0].replace("ex ", "").strip()
        if r["tier"] == "scheduled" and r["category"] in ("2A", "2B", "3"):
            licensed.append(Product("licensed", r["name"], r["smiles"], r["cas"], cn, r["category"]))
        elif r["tier"] == "scheduled" and r["category"] == "1":
            scheduled.append(Product("scheduled", r["name"], r["smiles"], r["cas"], cn, "1"))
        elif r["tier"] == "designer" and "level:high" in r["match_rule"]:
            designer.append(Product("designer", r["name"], r["smiles"], r["cas"], cn))
    return legit, licensed, scheduled, designer


def _cn8(hs: str) -> str:
    digits = hs.replace(" ", "")
    return (digits + "00000000")[:8] if digits else ""


DEFAULT_ID_PREFIX = "evt"


def run_id_prefix() -> str:
    """An event id prefix of its own for one run (`precwatch produce --generate`): flag ids are
    derived from event ids, so two runs numbering their events alike would give different
    declarations the same flag id, and consumers that deduplicate by flag id would drop one."""
    return f"gen-{uuid.uuid4().hex[:12]}"


class Generator:
    """A seeded stream: the same seed gives the same events. Event ids are ``<id_prefix>-<n>``
    (n from 00000001), so they are unique only within one prefix: give each stream that goes to
    a shared topic a prefix of its own (``run_id_prefix``)."""

    def __init__(
        self,
        seed: int = 7,
        novel_share: float = 0.03,
        illicit_share: float = 0.06,
        id_prefix: str = DEFAULT_ID_PREFIX,
    ):
        self.rng = random.Random(seed)
        self.id_prefix = id_prefix
        self.legit, self.licensed, self.scheduled, self.designer = _load_products()
        self.novel_share = novel_share
        self.illicit_share = illicit_share
        self.firms = [self._firm(c) for c in EU * 3 + NON_EU * 3]
        self.eu_firms = [f for f in self.firms if f["country"] in EU]
        self.shady = [self._firm(c) for c in ["CN", "HK", "IN", "TR", "AE"] * 2]
        # Common trade is concentrated: a few chemicals make up most of the volume.
        self.legit_weights = [1.0 / (i + 1) ** 0.8 for i in range(len(self.legit))]
        self.counter = 0
        self.start = datetime(2026, 11, 1, tzinfo=UTC)

    def _firm(self, country: str) -> dict:
        rng = self.rng
        name = f"{rng.choice(FIRM_WORDS)}{rng.choice(FIRM_WORDS).lower()} {FIRM_SUFFIX.get(country, 'Ltd')}"
        eori = f"{country}{rng.randrange(10**8, 10**9)}" if country in EU or rng.random() < 0.5 else None
        return {"name": name, "country": country, **({"eori": eori} if eori else {})}

    # -- substances ------------------------------------------------------------------------------
    def _spelling(self, smiles: str) -> str:
        """Another valid SMILES of the same molecule, sometimes as a salt: customs data varies."""
        mol = Chem.MolFromSmiles(smiles)
        roll = self.rng.random()
        if mol is not None and roll < 0.3:
            order = list(range(mol.GetNumAtoms()))
            self.rng.shuffle(order)  # our own seeded RNG: RDKit's doRandom is not reproducible
            smiles = Chem.MolToSmiles(Chem.RenumberAtoms(mol, order), canonical=False)
        is_amine = mol is not None and any(
            a.GetSymbol() == "N"
            and a.GetTotalNumHs() > 0
            or a.GetSymbol() == "N"
            and a.GetDegree() == 3
            and not a.GetIsAromatic()
            for a in mol.GetAtoms()
        )
        if roll > 0.85 and is_amine and any(a.GetSymbol() == "C" for a in mol.GetAtoms()):
            smiles += ".Cl"  # sold as the hydrochloride
        return smiles

    def _novel_legit(self) -> Product:
        rng = self.rng
        smiles = rng.choice(BENIGN_ACIDS) + rng.choice(BENIGN_NUCLEOPHILES)
        if rng.random() < 0.5:
            # end group + linker + aryl ring (the ring's first atom is the attachment point)
            end = rng.choice(["O", "CC(=O)O", "N#C", "CN(C)", "CCO"])
            # no methylenedioxyphenyl here: MDP-C3 compounds are precursor chemistry, not benign novelties
            smiles = f"{end}{rng.choice(['CC', 'CCC', 'CC(C)', 'C(C)C'])}{rng.choice(BENIGN_ARYLS)}"
        return Product("novel_legit", "", smiles, "", rng.choice(["2915 39 00", "2922 19 00", "2909 30 90", ""]))

    def _novel_designer(self) -> Product:
        """Masks that are on no list: new glycidate esters, ketals, Boc/acyl-protected amines."""
        rng = self.rng
        aryl = rng.choice(ARYLS[:2])
        kind = rng.randrange(5)
        if kind == 0:
            smiles = f"{rng.choice(ALCOHOLS)}OC(=O)C1(C)OC1{aryl}"
        elif kind == 1:
            smiles = f"CC9(C{aryl})OC{'C' * rng.randrange(1, 3)}O9"
        elif kind == 2:
            smiles = f"CC(C{aryl})N(C)C(=O)O{rng.choice(['C(C)(C)C', 'CC', 'Cc1ccccc1'])}"
        elif kind == 3:
            smiles = f"CC(=O)C(C(=O)O{rng.choice(ALCOHOLS)}){aryl}"
        else:
            smiles = f"{rng.choice(['CC(=O)', 'O=C(OC(C)(C)C)', 'O=C(OCc2ccccc2)'])}N1CCC(Nc2ccccc2)CC1"
        label = "masked_drug" if kind == 2 else "designer"
        return Product(label, "", smiles, "", rng.choice(CATCH_ALL))

    def _substance(self) -> Product:
        rng = self.rng
        roll = rng.random()
        if roll < self.illicit_share:
            sub = rng.random()
            if sub < 0.35:
                return rng.choice(self.scheduled)
            if sub < 0.55:
                return rng.choice(self.designer)
            if sub < 0.9:
                return self._novel_designer()
            return Product("invalid", "", rng.choice(["CC(C)(C)(C)(C)C", "C1CC", "not-a-smiles"]), "", "2942 00 00")
        if roll < self.illicit_share + self.novel_share:
            return self._novel_legit()
        if roll < self.illicit_share + self.novel_share + 0.03:
            return rng.choice(self.licensed)
        return rng.choices(self.legit, weights=self.legit_weights)[0]

    # -- events ------------------------------------------------------------------------------------
    def _item(self, line: int, product: Product, mode: str) -> tuple[dict, str]:
        rng = self.rng
        item: dict = {"line": line}
        suspicious = product.label in ("scheduled", "designer", "masked_drug")
        cover = suspicious and rng.random() < 0.4
        item["cn_code"] = rng.choice(CATCH_ALL) if cover and rng.random() < 0.5 else (product.cn or None)
        item["description"] = rng.choice(COVER) if cover else (product.name or "organic chemical intermediate")
        style = rng.random()
        if product.label == "invalid":
            item["smiles"] = product.smiles
        elif product.cas and style < 0.35:
            item["cas"] = (
                product.cas if rng.random() > 0.02 else product.cas[:-1] + str((int(product.cas[-1]) + 1) % 10)
            )
        elif product.name and style < 0.55:
            item["name"] = product.name.lower() if rng.random() < 0.5 else product.name
        else:
            item["smiles"] = self._spelling(product.smiles)
            if product.name and rng.random() < 0.5:
                item["name"] = product.name
        kg = round(rng.choice([0.5, 1, 5, 25, 50, 200, 1000, 5000]) * rng.uniform(0.8, 1.2), 1)
        item.update(quantity=kg, unit="kg", net_mass_kg=kg)
        per_kg = rng.uniform(1, 40) if not suspicious else rng.uniform(20, 900)
        item["value"] = {"amount": round(kg * per_kg, 2), "currency": rng.choice(["EUR", "EUR", "USD"])}
        item["origin_country"] = rng.choice(NON_EU if suspicious else NON_EU + EU)
        label = product.label
        if item.get("cas") and product.cas and item["cas"] != product.cas and label == "legit":
            label = "legit_bad_cas"
        return {k: v for k, v in item.items() if v is not None}, label

    def event(self) -> tuple[dict, list[dict]]:
        rng = self.rng
        self.counter += 1
        n_items = rng.choice([1, 1, 1, 2, 2, 3, 4])
        products = [self._substance() for _ in range(n_items)]
        suspicious = any(p.label not in ("legit", "novel_legit", "licensed") for p in products)
        mode = rng.choice(
            ["air", "air", "courier", "sea", "road"] if suspicious else ["sea", "sea", "road", "rail", "air"]
        )
        kind = rng.choice(["import", "import", "import", "export", "transit", "express" if mode != "sea" else "import"])
        consignor = rng.choice(self.shady) if suspicious and rng.random() < 0.6 else rng.choice(self.firms)
        consignee = rng.choice(self.eu_firms)
        dispatch = consignor["country"]
        destination = consignee["country"]
        items, labels = [], []
        for line, product in enumerate(products, start=1):
            item, label = self._item(line, product, mode)
            items.append(item)
            labels.append({"line": line, "label": label})
        when = self.start + timedelta(seconds=self.counter * 37 + rng.randrange(30))
        event_id = f"{self.id_prefix}-{self.counter:08d}"
        event = {
            "schema_version": 1,
            "event_id": event_id,
            "declaration_id": f"26{destination}{rng.randrange(10**13, 10**14)}",
            "source": f"{destination}-customs",
            "kind": kind,
            "occurred_at": when.isoformat().replace("+00:00", "Z"),
            "consignor": consignor,
            "consignee": consignee,
            "transport": {
                "mode": mode,
                "dispatch_country": dispatch,
                "destination_country": destination,
                "transit_countries": [rng.choice(EU)] if rng.random() < 0.2 else [],
                "port_of_entry": rng.choice(["NLRTM", "BEANR", "DEHAM", "NLAMS", "BELGG", "ITMXP", "ESMAD"]),
            },
            "items": items,
        }
        return event, [{"event_id": event_id, **lab} for lab in labels]

    def events(self, n: int) -> Iterator[tuple[dict, list[dict]]]:
        for _ in range(n):
            yield self.event()


# Malformed messages for dead-letter demonstrations: truncated JSON, not JSON, a schema violation.
INVALID_LINES = (
    b'{"schema_version": 1, "event_id": "evt-truncated", "items": [',
    b"MRN 26NL0000000000001 PHENYLACETONE 25KG",
    b'{"schema_version":1,"event_id":"evt-bad-mode","declaration_id":"26NL1","source":"x","kind":"import",'
    b'"occurred_at":"2026-11-01T00:00:00Z","consignor":{"name":"a"},"consignee":{"name":"b"},'
    b'"transport":{"mode":"boat"},"items":[{"line":1,"smiles":"CCO"}]}',
)


def write_stream(
    n: int, out, labels_out=None, seed: int = 7, invalid: int = 0, id_prefix: str = DEFAULT_ID_PREFIX
) -> None:
    gen = Generator(seed=seed, id_prefix=id_prefix)
    for event, labels in gen.events(n):
        out.write(orjson.dumps(event) + b"\n")
        if labels_out is not None:
            for lab in labels:
                labels_out.write(orjson.dumps(lab) + b"\n")
    for i in range(invalid):
        out.write(INVALID_LINES[i % len(INVALID_LINES)] + b"\n")


def default_examples_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "transactions.jsonl"


# --- issue 12: scripted sequences for the stateful signals (docs/intelligence.md) -------------------------
# Each sequence raises its signal whatever order the events of different declarations reach the
# stateful stage in (the demo's worker reads several partitions). Ground truth: each label row of a
# sequence's items names, under "stateful", the signals its sequence must raise.

SCENARIO_START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
NOVEL_BMK_MASK_SMILES = "CC(=O)C(C(=O)OCCC)c1ccccc1"  # MAPA's propyl ester: unmasks to BMK, on no list


def _scenario_item(what: str, kg: float) -> tuple[dict, str]:
    items = {
        "paa": (
            {"cn_code": "2916 34 00", "description": "phenylacetic acid", "name": "phenylacetic acid"},
            "scheduled",
        ),
        "acetone": (
            {"cn_code": "2914 11 00", "description": "acetone", "name": "acetone", "cas": "67-64-1"},
            "scheduled",
        ),
        "bmk_glycidate": (
            {"cn_code": "2918 99 90", "description": "organic intermediate", "cas": "80532-66-7"},
            "scheduled",
        ),
        "methylamine": (
            {"cn_code": "2921 11 00", "description": "methylamine 40% solution", "name": "methylamine"},
            "designer",
        ),
        "novel_mask": (
            {"cn_code": "2942 00 00", "description": "fine chemical", "smiles": NOVEL_BMK_MASK_SMILES},
            "designer",
        ),
        "apaa": ({"cn_code": "2924 29 70", "description": "APAA", "cas": "4433-77-6"}, "scheduled"),
    }
    item, label = items[what]
    return {
        **item,
        "quantity": kg,
        "unit": "kg",
        "net_mass_kg": kg,
        "value": {"amount": round(kg * 12.5, 2), "currency": "EUR"},
    }, label


def _scenario_event(
    event_id: str,
    day: float,
    what: str,
    kg: float,
    consignee: dict,
    consignor: dict,
    signals: list[str],
    mode: str = "air",
    start: datetime = SCENARIO_START,
) -> tuple[dict, list[dict]]:
    item, label = _scenario_item(what, kg)
    when = start + timedelta(days=day)
    destination = consignee["country"]
    event = {
        "schema_version": 1,
        "event_id": event_id,
        "declaration_id": f"26{destination}{event_id.upper().replace('-', '')}",
        "source": f"{destination}-customs",
        "kind": "import",
        "occurred_at": when.isoformat().replace("+00:00", "Z"),
        "consignor": consignor,
        "consignee": consignee,
        "transport": {
            "mode": mode,
            "dispatch_country": consignor["country"],
            "destination_country": destination,
            "transit_countries": [],
            "port_of_entry": "NLAMS" if mode == "air" else "NLRTM",
        },
        "items": [{"line": 1, **item}],
    }
    return event, [{"event_id": event_id, "line": 1, "label": label, "stateful": signals}]


def stateful_scenarios(
    id_prefix: str = "scn", start: datetime = SCENARIO_START, party_tag: int | None = None
) -> list[tuple[dict, list[dict]]]:
    """Scripted sequences, in event time order from ``start``: a split shipment (one consignee, and two
    consignees sharing an address), a synthesis kit, a new trader, a change of supplier and a novel
    mask seen twice. Every party is new to the stream; ``party_tag`` gives each copy parties of its own."""
    supplier = {"name": "Hangzhou Rising Chemical Co Ltd", "country": "CN"}
    other_supplier = {"name": "Mumbai Fine Intermediates Pvt Ltd", "country": "IN"}
    split = {"name": "Vandermeer Fine Chemicals B.V.", "eori": "NL800000001", "country": "NL"}
    address = "Havenstraat 41, 3011 AB Rotterdam"
    front_a = {"name": "Delta Reagents B.V.", "eori": "NL800000002", "country": "NL", "address": address}
    front_b = {"name": "Maasdam Lab Supplies B.V.", "eori": "NL800000003", "country": "NL", "address": address}
    kit = {"name": "Oostpoort Logistics B.V.", "eori": "NL800000004", "country": "NL"}
    regular = {"name": "Rhein Synthese GmbH", "eori": "DE800000005", "country": "DE"}
    regular_supplier = {"name": "Ludwigshafen Solvents AG", "eori": "DE800000006", "country": "DE"}
    mask_a = {"name": "Antwerp Organics BV", "eori": "BE0800000007", "country": "BE"}
    mask_b = {"name": "Lodz Chemia Sp. z o.o.", "eori": "PL800000008", "country": "PL"}
    if party_tag is not None:
        for party in (
            supplier,
            other_supplier,
            split,
            front_a,
            front_b,
            kit,
            regular,
            regular_supplier,
            mask_a,
            mask_b,
        ):
            party["name"] += f" {party_tag}"
            if "eori" in party:
                party["eori"] += f"{party_tag:04d}"
            if "address" in party:
                party["address"] = f"Havenstraat {party_tag}, 3011 AB Rotterdam"
        front_b["address"] = front_a["address"]
    split_codes, kit_codes, mask_codes = ["SPLIT_SHIPMENT"], ["SYNTHESIS_KIT"], ["REPEAT_MASK"]
    # A worker reading several partitions may see a sequence's events in any order; the signals do not
    # depend on it (tests/pipeline/test_intelligence_order.py), except SUPPLIER_CHANGE (regular-4 must
    # arrive after the consignee's other three).
    e = [
        _scenario_event(f"{id_prefix}-split-1", 0, "paa", 40, split, supplier, split_codes, start=start),
        _scenario_event(f"{id_prefix}-front-1", 0.5, "paa", 60, front_a, supplier, split_codes, start=start),
        _scenario_event(
            f"{id_prefix}-kit-1", 1, "bmk_glycidate", 25, kit, supplier, [*kit_codes, "NEW_TRADER"], start=start
        ),
        _scenario_event(f"{id_prefix}-regular-1", 1.5, "paa", 400, regular, regular_supplier, [], "road", start=start),
        _scenario_event(
            f"{id_prefix}-mask-1", 2, "novel_mask", 15, mask_a, supplier, [*mask_codes, "NEW_TRADER"], start=start
        ),
        _scenario_event(f"{id_prefix}-front-2", 3, "paa", 60, front_b, supplier, split_codes, start=start),
        _scenario_event(f"{id_prefix}-split-2", 4, "paa", 40, split, supplier, split_codes, start=start),
        _scenario_event(f"{id_prefix}-regular-2", 5, "paa", 400, regular, regular_supplier, [], "road", start=start),
        _scenario_event(f"{id_prefix}-kit-2", 2.5, "methylamine", 30, kit, other_supplier, kit_codes, start=start),
        _scenario_event(f"{id_prefix}-regular-3", 8, "paa", 400, regular, regular_supplier, [], "road", start=start),
        _scenario_event(f"{id_prefix}-split-3", 9, "paa", 40, split, supplier, split_codes, start=start),
        _scenario_event(
            f"{id_prefix}-mask-2", 10, "novel_mask", 15, mask_b, other_supplier, [*mask_codes, "NEW_TRADER"]
        ),
        _scenario_event(
            f"{id_prefix}-regular-4", 12, "paa", 40, regular, other_supplier, ["SUPPLIER_CHANGE"], "courier"
        ),
    ]
    return e


def write_scenarios(out, labels_out=None, id_prefix: str = "scn") -> None:
    """Append the stateful scenarios (``stateful_scenarios``) to a stream and its labels."""
    for event, labels in stateful_scenarios(id_prefix):
        out.write(orjson.dumps(event) + b"\n")
        if labels_out is not None:
            for lab in labels:
                labels_out.write(orjson.dumps(lab) + b"\n")
