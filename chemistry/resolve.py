"""Resolve a goods item's substance from what was declared.

Order: SMILES -> InChI -> CAS (as traders type them; the check digit must hold) -> name/synonym ->
CN code alone. Every
identifier given is checked, not only the first that works, so that an invalid CAS next to a valid
SMILES, or a SMILES that contradicts the CAS, is reported.

A CAS number or name is looked up by trust: the watchlist's own identifiers (with its names in the
EU's languages and the sourced CAS numbers of its salt forms), then the curated common-chemicals
dictionary, then the identifier database (chemistry/identifier_db.py). The database is also asked
about what a more trusted source resolved: when it gives the same identifier to another substance,
the more trusted source still decides, and the disagreement is reported (``source_notes``; and an
IDENTIFIER_CONFLICT when the other substance is a listed one and the database gives it the
identifier as its own CAS number or name rather than as one of PubChem's collected synonyms).

The order in which a declared name is read, each step only when every step before it found nothing
(docs/identification.md, "The order in which a name is read"):

0. An abbreviation beside a full name it can stand for ("4-AP (4-aminopyridine)") is read as the full
   name, unless the lexicon has the whole name as written (read_full_name_beside_abbreviation); then an
   abbreviation in capitals before its full name without brackets ("DMT: N,N-DIMETHYLTRYPTAMINE",
   "MAPA methyl alpha-phenylacetoacetate"; read_full_name_after_abbreviation).
1. Each source by trust -- the lexicon (watchlist, its names in the EU's languages, national drug-class
   names, the common-chemicals dictionary), then the identifier database -- is asked for the keys of
   NAME_KEY_READINGS in order: the name as written and cleaned, then misread (look-alike letters,
   digits for letters), then without an acid word when what is left is a base. The lexicon then tries
   the names on either side of an "or", then a watchlist name once physical-form nouns are set aside
   ("BMK oil"), then a controlled drug's INN as German spells it, without its final e ("Methylphenidat";
   lookup_name_record, _look_up_name).
2. The name field read otherwise (resolve_item): a protecting group's shorthand before a known name
   ("N-t-BOC-MDMA"; read_protected_name), a CAS number typed into it, or written after the name ("Safrol
   97% CAS 94-59-7": the number and the name before it, both read; split_trailing_cas), then a list of several
   substances, or a composition stating each part's share (_look_up_name_list). A bracketed synonym naming another listed substance is read beside
   the name in step 1, not after it (_bracketed_synonym_candidates).
3. LAST_RESORT_NAME_READINGS (read_unresolved_name, after every declared identifier): an InChI or InChIKey
   typed into the name field (resolve_structure_identifier_in_name); then an EC number or CLP index number
   (resolve_regulatory_number); then a dangerous-goods
   description, its UN number and transport particulars set aside ("UN1715 ACETIC ANHYDRIDE, 8 (3), II";
   resolve_dangerous_goods_name: the UN number is never looked up); then a systematic name
   parsed by OPSIN (resolve_systematic_name): weaker evidence than an identifier a source lists, so the
   resolution's source says the structure was parsed from the name; then the name outside a bracketed
   synonym and the synonym, each by OPSIN (resolve_systematic_name_parts); then a systematic name after an
   abbreviation ("PMK 1-(3,4-methylenedioxyphenyl)propan-2-one"; resolve_systematic_name_after_abbreviation); then a
   systematic name written with
   another language's morphemes, respelt in English and parsed by OPSIN ("1-fenilpropan-2-onă";
   resolve_foreign_systematic_name, chemistry/foreign_nomenclature.py); then a glycidate named by the
   trivial name with located substituents, as its oxirane name ("ethyl 2-methyl-3-phenylglycidate";
   resolve_glycidic_name); then an acetal by its functional-class name ("piperonal dimethyl acetal";
   resolve_acetal_name); then a listed acid's carboxylate name without its ester or cation ("BMK glycidate";
   resolve_bare_carboxylate_name); then one of the watchlist's own
   names with a locant N- the list's spelling does not write (resolve_without_n_locants); then a lexicon
   name written inverted, noun first ("Phosphorus, red"; resolve_inverted_name); then a listed
   name with ring substituents before it (resolve_ring_substituted_name); then a watchlist name with an
   N-acyl prefix fused before it ("N-formylpseudoephedrine"; resolve_fused_acyl_name); then a listed fentanyl
   analogue's acyl word before "norfentanyl" ("Acetyl norfentanyl"; resolve_nor_fentanyl_name); then an acyl word
   before "fentanyl" ("Benzoylfentanyl"; resolve_acyl_fentanyl_name) and an amine word before a listed nitazene
   ("N-pyrrolidino isotonitazene"; resolve_nitazene_amine_name) and substituents before "cathinone"
   ("4-methyl-N-ethylcathinone"; resolve_cathinone_name); then the name's head, the words
   before its particulars or before words saying what the goods are sold as or for, when the rest is only
   such words ("Acetone 99.5% nail polish remover refill 5 L"; resolve_name_head); then its first part when it
   states its share and names a watchlist entry ("acide chlorhydrique 33 %, inhibiteur de corrosion";
   resolve_head_with_share); then the words before what the goods are for ("Potassium permanganate for water
   treatment"; resolve_before_purpose) and before "based" in a medicine's text ("Codeine Based Cough Syrup";
   resolve_before_based); then the words after a
   label and a colon ("kit contents: potassium permanganate 500 g"), or after a safety data sheet's section
   labels ("SECTION 1 Product identifier: Safrole; SECTION 3: ..."; resolve_after_label); then a controlled
   drug's name after a medicine's trade name (resolve_after_trade_name); then two names of one watchlist entry side
   by side ("PMK oil 3,4-MDP-2-P"; resolve_two_names_of_one_substance); then the name with the characters
   OCR confuses put back ("Fentany1 citrate"; resolve_ocr_name); then a name in Arabic script read by its
   consonants and written vowels (resolve_arabic_script_name, chemistry/arabic_names.py); then a watchlist name in
   another grammatical case or another language's letters ("safrolu", "Metilfenidat"; resolve_inflected_name,
   chemistry/inflected_names.py); then a watchlist name one typing error away (resolve_misspelt_name); last, the beginning of exactly one watchlist substance's names, cut
   mid-word at an ERP field's length ("ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR"; resolve_cut_name). A name none of
   them reads is read by them once more rewritten (rewrite_unresolved_name): without its isotope labels, its grades
   and quantities or its salt words, and in Latin letters ("Norsufentanil-d3", "Альпразолам").
4. When the item's identifiers resolved nothing, its goods description (resolve_description, never in
   the identifier database): read as a name by steps 1-2, then as a dangerous-goods description when it
   begins with a UN number, then the words after a tariff heading, then
   the words before its particulars, or before "based" in a medicine's text; then a systematic name inside it (pipeline/screening.py
   resolve_description_by_opsin).
5. Last, a listed substance that a waste or contaminated goods' description states among what they contain
   ("Spent solvent, contains acetic anhydride approx. 15 %"; find_listed_constituent, add_stated_constituent;
   pipeline/screening.py Screener.resolve): beside what steps 1-4 found, or as the item's substance when they found
   nothing.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TypeVar

from rdkit import Chem

from chemistry.acetal_names import build_acetal_structure, describe_acetal_reading, split_acetal_name
from chemistry.adduct_names import add_bisulfite, split_bisulfite_adduct_name
from chemistry.analogue_names import (
    expand_cathinone_abbreviation,
    expand_tryptamine_code,
    find_cathinone_abbreviations,
    find_lsd_acyl_codes,
    find_tryptamine_codes,
    lsd_acyl_group,
    put_acyl_on_indole_nitrogen,
    replace_nitazene_amine,
    split_acyl_fentanyl_name,
    split_benzyl_stem_nitazene_name,
    split_cathinone_name,
    split_nitazene_amine_name,
)
from chemistry.arabic_names import (
    MIN_FULLY_WRITTEN_CONSONANTS,
    SALT_WORD_SKELETONS,
    Sounds,
    arabic_sounds,
    enough_consonants,
    is_arabic_script_name,
    join_sounds,
    latin_sounds,
    words_fit,
    words_key,
    writes_every_vowel,
    writes_native_letters,
)
from chemistry.cut_names import (
    MAX_CUT_CANDIDATES,
    compute_cut_key,
    cut_within_a_word,
    find_names_beginning,
    keeps_stereodescriptors,
)
from chemistry.foreign_nomenclature import (
    respell_czech_acid_name,
    respell_german_acid_name,
    respell_german_bracketed_ester,
    respell_latin_title,
    respell_systematic_name,
    transliterate_cyrillic,
)
from chemistry.glycidic_names import rewrite_glycidic_name
from chemistry.identifier_db import SOURCE_LABEL, DatabaseAnswer, DatabaseRecord, IdentifierDatabase
from chemistry.identifiers import (
    CJK_CHARACTERS,
    MAX_CLEANED_NAME_CHARS,
    MAX_CONSTITUENT_TEXT_CHARS,
    abbreviation_fits,
    compute_base_salt_keys,
    compute_primed_key,
    compute_worded_key,
    correct_ocr_cas,
    find_abbreviation_and_full_name,
    find_abbreviation_before_full_name,
    find_constituent_before_solvent,
    find_description_head,
    find_head_before_solvent,
    find_head_with_share,
    find_isotope_labels,
    find_misreading_behind,
    find_mixture_constituents,
    find_name_after_vague_opening,
    find_name_head,
    find_presentation_keys,
    find_primed_key,
    find_salt_word_keys,
    find_stated_constituents,
    find_technical_names,
    find_text_after_base_of,
    find_text_after_contains,
    find_text_after_heading,
    find_text_before_based,
    find_text_before_purpose,
    fold_accents,
    fold_dashes,
    fold_primes,
    is_only_salt_words,
    iter_keys_as_written,
    iter_misread_keys,
    iter_stereo_reading_keys,
    iter_unlabelled_keys,
    iter_worded_name_keys,
    looks_like_smiles,
    normalise_name,
    read_dangerous_goods_name,
    read_declared_cas,
    read_description_fields,
    read_structure_identifier,
    says_absent,
    says_something_absent_after,
    split_alternative_names,
    split_bracketed_synonyms,
    split_composition,
    split_constituents,
    split_description_particulars,
    split_trailing_cas,
    states_share_below_trace,
    strip_composition_nouns,
    strip_form_nouns,
    strip_isotope_labels,
    strip_material_numbers,
    strip_mixture_opening,
    strip_name_use_words,
    strip_precursor_word,
    strip_reagent_mark,
    strip_salt_words,
    strip_trace_limit_groups,
    strip_trade_words,
)
from chemistry.inflected_names import compute_spelling_key, compute_stem_key
from chemistry.mangled_text import (
    join_wrapped_smiles,
    read_cas_from_spreadsheet_date,
    repair_mangled_cas,
    repair_mangled_text,
)
from chemistry.matching import name_as_entry
from chemistry.misspellings import (
    MIN_MISSPELT_KEY_CHARS,
    close_a_bracket_left_open,
    edits_a_digit,
    edits_a_homologue,
    edits_an_abbreviation,
    edits_the_first_letter,
    find_one_edit_names,
    iter_one_edit_spellings,
)
from chemistry.molecules import (
    Standardised,
    compute_drawing_key,
    compute_inchikey,
    names_acid_of_salt,
    normalise_drawing,
    parse_inchi,
    parse_smiles,
    standardise_mol,
    standardise_parsed,
    standardise_smiles,
)
from chemistry.nor_names import remove_ring_nitrogen_substituent, split_nor_fentanyl_name
from chemistry.ocr_names import ocr_respellings
from chemistry.opsin import (
    OpsinParser,
    clean_name,
    looks_systematic,
    prime_aryl_ketone_ring_locants,
    primes_a_chain_locant,
    systematic_names_in_text,
)
from chemistry.protected_names import (
    build_protected_structure,
    describe_protected_reading,
    split_fused_acyl_name,
    split_protected_name,
)
from chemistry.regulatory_numbers import read_ec_number, read_index_number
from chemistry.substituted_names import add_ring_substituents, names_anilide_ring, read_ring_substituents
from chemistry.watchlist import (
    DATA_DIR,
    NATURAL_PRODUCT_SOURCE,
    TIER_PRIORITY,
    CompiledEntry,
    LexiconRecord,
    Watchlist,
    is_drug_product_source,
    names_natural_product,
    natural_product_words,
    words_of,
)

K = TypeVar("K")
V = TypeVar("V")

# How each kind of identifier is called in explanations.
IDENTIFIER_LABELS = {"smiles": "SMILES", "inchi": "InChI", "cas": "CAS", "name": "name"}


# -- The readings of a declared name, in the order they are tried ---------------------------------------
# Each reading is tried only when every reading before it found nothing: the more literal a reading, the
# earlier, because each later one is a guess about what was meant. Two sequences, as data, are what every
# caller iterates (the module's docstring gives the whole order, item level included):
# - NAME_KEY_READINGS: the keys one name is looked up by, in each source by trust (lookup_name_record for
#   the watchlist and dictionary, _lookup_database_name for the identifier database);
# - LAST_RESORT_NAME_READINGS: what is tried on a declared name that no source, no split of the name
#   field and no other identifier resolved (read_unresolved_name; pipeline/screening.py Screener.resolve,
#   cli/commands.py read_identifier).


@dataclass(frozen=True, slots=True)
class KeyReading:
    """A way of reading a declared name into look-up keys (NAME_KEY_READINGS)."""

    id: str
    # (name, key function: normalise_name, or compute_primed_key for the database) -> keys, most literal first
    keys: Callable[[str, Callable[[str], str]], Iterable[str]]
    # What a key finds counts only when it is a base (an amine): the key was made by reading a word away
    # that names an ester as well as a salt ("X sulphate" is a salt of X only when X is a base).
    of_a_base: bool
    why: str  # why it comes where it does


def _iter_base_salt_keys(name: str, _normalise: Callable[[str], str]) -> list[str]:
    return compute_base_salt_keys(name)  # plain name keys: no prime a declared salt's name would decide on


NAME_KEY_READINGS: tuple[KeyReading, ...] = (
    KeyReading(
        "as written",
        iter_keys_as_written,
        False,
        "the name as declared, then without accents, its bracketed pieces, without grades, quantities and "
        "forms, and without salt words (chemistry/identifiers.py compute_name_keys): what the trader wrote, "
        "cleaned of what is not the name, so first",
    ),
    KeyReading(
        "isotope label",
        iter_unlabelled_keys,
        False,
        "the name without an isotope label after it ('Cocaine-D3', 'MDMA-d5 HCl', 'Amphetamine-13C6'; "
        "chemistry/identifiers.py iter_unlabelled_keys): a labelled standard of a substance is that substance, "
        "as a structure's isotopes are set aside; after the name as written, so that a name with such an ending "
        "that a source lists ('Vitamin-D3') is read as listed; the flag says the label was set aside",
    ),
    KeyReading(
        "stereodescriptors",
        iter_stereo_reading_keys,
        False,
        "the name with a run of stereodescriptors before it read one descriptor at a time, then without them "
        "('(1S,2S)-(+)-Norpseudoephedrine' as '(+)-norpseudoephedrine', cathine; 'DL-Ephedrine', 'rac-', 'd-', "
        "'threo-' without brackets; chemistry/identifiers.py find_stereo_readings): each descriptor says which "
        "stereoisomer the name is, which the lexicon's names decide where they give one (cathine is excluded from "
        "norephedrine); after the name as written, which drops bracketed descriptors as comments",
    ),
    KeyReading(
        "misread",
        iter_misread_keys,
        False,
        "Cyrillic and Greek look-alike letters read as Latin, digits 0/1 read as o/l/i "
        "(chemistry/identifiers.py find_misreadings): a guess that the text was mistyped or scanned, so only "
        "after every reading as written; the flag says so (find_misreading_behind)",
    ),
    KeyReading(
        "salt word of a base",
        _iter_base_salt_keys,
        True,
        "the name without an acid word that also names esters ('ephedrine sulphate'): kept only when what is "
        "found is a base, so after the readings that need no such check",
    ),
)


@dataclass(frozen=True, slots=True)
class NameReaders:
    """What the last-resort readings of a name read with (LAST_RESORT_NAME_READINGS)."""

    watchlist: Watchlist
    cache: StructureCache
    systematic_names: OpsinParser | None = None  # OPSIN, when it is used
    database: IdentifierDatabase | None = None  # the identifier database, when it is used
    # Whether a name is worth asking OPSIN about (screening passes its per-name memo of it)
    looks_systematic: Callable[[str], bool] = looks_systematic


@dataclass(frozen=True, slots=True)
class LastResortReading:
    """A reading of a declared name that nothing else resolved (LAST_RESORT_NAME_READINGS): given the
    unresolved resolution, the resolution it finds, or the unresolved one itself."""

    id: str
    read: Callable[[NameReaders, DeclaredName, Resolution], Resolution]
    why: str  # why it comes where it does


class DeclaredName:
    """A declared name on its way through LAST_RESORT_NAME_READINGS, with what several readings read it as
    computed once, on first use, and handed to each (read_unresolved_name)."""

    __slots__ = ("_without_trade_words", "text")

    def __init__(self, text: str):
        self.text = text
        self._without_trade_words: str | None = None

    @property
    def without_trade_words(self) -> str:
        """The name without its quantities, purities, grades and forms (strip_trade_words): the carboxylate, the
        acetal and the inverted-name readings each read it."""
        if self._without_trade_words is None:
            self._without_trade_words = strip_trade_words(self.text)
        return self._without_trade_words


def _read_dangerous_goods_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_dangerous_goods_name(readers, name.text, unresolved)


def _read_german_bracketed_ester(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    if readers.systematic_names is None or (respelt := respell_german_bracketed_ester(name.text)) is None:
        return unresolved
    found = resolve_systematic_name(readers.systematic_names, readers.cache, respelt, unresolved)
    if found.std is None:
        return unresolved
    # "(1,3-Benzodioxol-5-yl)acetat" is also the German name of a listed acid's salt (3,4-MDPA, review34): when the
    # name as written names a listed substance at least as controlled as the ester, the ester reading gives way to it
    # (the next reading, OPSIN's of the name as written, reads it: OPSIN's parser remembers its answers, so the name
    # is sent to it once)
    as_written = resolve_systematic_name(readers.systematic_names, readers.cache, name.text, unresolved)
    if _is_listed(readers.watchlist, as_written.std) and rank_listing(readers.watchlist, as_written.std) <= rank_listing(
        readers.watchlist, found.std
    ):
        return unresolved
    how = f"the name '{quote_declared(name.text)}' was read as the German name of an ester, '{quote_declared(respelt)}'"
    return with_reading_noted(found, how)


def _read_bracket_left_open(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_bracket_left_open(readers, name.text, unresolved)


def _read_as_systematic_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    if readers.systematic_names is None or not readers.looks_systematic(name.text):
        return unresolved
    return resolve_systematic_name(readers.systematic_names, readers.cache, name.text, unresolved)


def _read_bracket_parts_as_systematic_names(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    if readers.systematic_names is None:
        return unresolved
    return resolve_systematic_name_parts(
        readers.systematic_names, readers.cache, name.text, unresolved, readers.looks_systematic
    )


def _read_systematic_name_after_abbreviation(
    readers: NameReaders, name: DeclaredName, unresolved: Resolution
) -> Resolution:
    return resolve_systematic_name_after_abbreviation(readers, name.text, unresolved)


def _read_systematic_name_in_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_systematic_name_in_name(readers, name.text, unresolved)


def _read_names_in_two_scripts(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_names_in_two_scripts(readers, name.text, unresolved)


def _read_foreign_systematic_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    if readers.systematic_names is None:
        return unresolved
    return resolve_foreign_systematic_name(readers.systematic_names, readers.cache, name.text, unresolved)


def _read_respelt_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_respelt_name(
        readers.watchlist, readers.cache, name.text, unresolved, readers.database, name.without_trade_words
    )


def _read_glycidate_as_oxirane(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_glycidic_name(readers, name.text, unresolved)


def _read_structure_identifier_in_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_structure_identifier_in_name(readers, name.text, unresolved)


def _read_regulatory_number(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_regulatory_number(readers.watchlist, readers.cache, name.text, unresolved)


def _read_acetal_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_acetal_name(readers, name.text, unresolved, name.without_trade_words)


def _read_bare_carboxylate_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_bare_carboxylate_name(
        readers.watchlist, readers.cache, name.text, unresolved, name.without_trade_words
    )


def _read_without_n_locants(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_without_n_locants(readers.watchlist, readers.cache, name.text, unresolved)


def _read_inverted_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_inverted_name(
        readers.watchlist, readers.cache, name.text, unresolved, name.without_trade_words
    )


def _read_fused_acyl_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_fused_acyl_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_nor_fentanyl_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_nor_fentanyl_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_bisulfite_adduct_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_bisulfite_adduct_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_acyl_fentanyl_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_acyl_fentanyl_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_nitazene_amine_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_nitazene_amine_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_benzyl_stem_nitazene_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_benzyl_stem_nitazene_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_cathinone_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_cathinone_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_tryptamine_code(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_tryptamine_code(readers.watchlist, readers.cache, name.text, unresolved)


def _read_lsd_acyl_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_lsd_acyl_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_ocr_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_ocr_name(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_name_head(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_name_head(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_with_ring_substituents(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_ring_substituted_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_head_with_share(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_head_with_share(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_before_purpose(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_before_purpose(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_after_containing(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    contents = find_text_after_contains(name.text)
    if contents is None:
        return unresolved
    how = f"the name was read from its words '{quote_declared(contents)}' after 'containing'"
    return resolved_by_looking_up(readers, contents, unresolved, how)


def _read_before_based(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_before_based(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_mangled_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_mangled_name(readers, name.text, unresolved)


def _read_without_codes(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_without_codes(readers, name.text, unresolved)


def _read_after_label(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_after_label(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_after_precursor_word(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_after_precursor_word(readers.watchlist, readers.cache, name.text, unresolved)


def _read_two_names_of_one_substance(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_two_names_of_one_substance(readers.watchlist, readers.cache, name.without_trade_words, unresolved)


_ANY_BRACKET_RE = re.compile(r"[()\[\]{}]")
# A name field of at most this many words is read as two names of one substance side by side
MAX_TWO_NAMES_WORDS = 8


def resolve_two_names_of_one_substance(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is two names of one watchlist
    record side by side, without brackets ("PMK oil 3,4-MDP-2-P 100 ml", the sixty-fifth held-out set's pch65010: the
    abbreviation and the lists' short name): the words cut in two at one place, each half a name of the lexicon's same
    record; ``unresolved`` itself otherwise. Only the lexicon's own names: two words of the identifier database would
    match too much."""
    words = name.split()
    if not 2 <= len(words) <= MAX_TWO_NAMES_WORDS or _ANY_BRACKET_RE.search(name):
        # (a bracketed group may name another substance, "Acetone (with fentanyl) Aceton": review41)
        return unresolved
    for cut in range(1, len(words)):
        first, _ = lookup_name_record(watchlist, cache, " ".join(words[:cut]))
        if first is None or first.watchlist_id is None:
            continue
        second, _ = lookup_name_record(watchlist, cache, " ".join(words[cut:]))
        if second is None or second.watchlist_id != first.watchlist_id or second.key != first.key:
            continue  # (the same entry: ephedrine's and pseudoephedrine's names share a structure without stereo)
        std = _record_std(first, cache)
        if std is None:
            continue
        how = (
            f"the name '{quote_declared(name)}' was read as two names of {first.name} side by side, "
            f"'{quote_declared(' '.join(words[:cut]))}' and '{quote_declared(' '.join(words[cut:]))}'"
        )
        return resolved_as_record(unresolved, first, std, how)
    return unresolved


def _read_after_trade_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_after_trade_name(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_qualified_natural_product(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_qualified_natural_product(readers.watchlist, readers.cache, name.text, unresolved)


def _read_as_misspelt(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_misspelt_name(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


def _read_arabic_script_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_arabic_script_name(readers.watchlist, readers.cache, name.text, unresolved)


def _read_inflected_name(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_inflected_name(readers.watchlist, readers.cache, name, unresolved, readers.database)


def _read_as_cut(readers: NameReaders, name: DeclaredName, unresolved: Resolution) -> Resolution:
    return resolve_cut_name(readers.watchlist, readers.cache, name.text, unresolved, readers.database)


LAST_RESORT_NAME_READINGS: tuple[LastResortReading, ...] = (
    LastResortReading(
        "text mangled by software",
        _read_mangled_name,
        "the name with the marks spreadsheets, web forms, exports and encodings leave put back: HTML entities and "
        "tags, JSON escapes written out, UTF-8 read as Windows-1252, non-breaking and zero-width spaces, "
        "typographic quotes, a footnote mark, a SMILES string broken by line wrapping (chemistry/mangled_text.py; "
        "resolve_mangled_name), then read by every reading here: a decoding, not a guess, so first",
    ),
    LastResortReading(
        "InChI, InChIKey or SMILES in the name field",
        _read_structure_identifier_in_name,
        "a standard InChI (with or without its 'InChI=' prefix), an InChIKey or a SMILES string typed into the name "
        "field, as systems with one free-text field for the goods store them (resolve_structure_identifier_in_name): "
        "an identifier of a structure, not a name, so read as one first; the InChIKey is looked up among the "
        "watchlist's entries, then in the identifier database, never guessed; a SMILES string is taken only when "
        "RDKit reads it",
    ),
    LastResortReading(
        "EC or CLP index number in the name field",
        _read_regulatory_number,
        "an EC number ('EC 200-662-2', 'EINECS 204-409-7', its check digit holding) or a CLP Annex VI index number "
        "('Index No. 607-008-00-9') typed into the name field, as safety data sheets print them "
        "(resolve_regulatory_number): an identifier, not a name, looked up in chemistry/data/regulatory_numbers.csv "
        "(each number with the page it was read on), never guessed; right after the structure identifiers",
    ),
    LastResortReading(
        "dangerous-goods description",
        _read_dangerous_goods_name,
        "a name written as transport documents write dangerous goods, a UN number before it and the class, "
        "subsidiary hazard and packing group after it ('UN1715 ACETIC ANHYDRIDE, 8 (3), II'; "
        "resolve_dangerous_goods_name): the UN number and the particulars are never part of a name, so what is "
        "left is read first, by the sources and then by the readings below; the UN number itself is never "
        "looked up (it names an entry of the Dangerous Goods List, often a generic one, not a substance)",
    ),
    LastResortReading(
        "codes and numbers beside the name",
        _read_without_codes,
        "an article code before or after the name ('RM-4742 PIPERONAL KRIST.', 'PIPERONAL RM-4742') and a number of six "
        "digits or more beside it that happens to pass the CAS check digit ('ISOSAFROL 29329100', its own CN code), "
        "as ERP master data writes them (resolve_without_codes): set aside only here, after the name as written "
        "failed, since research chemicals are named by such codes ('U-47700 hydrochloride'); after the dangerous-goods "
        "description, whose UN number is such a code",
    ),
    LastResortReading(
        "German ester of a bracketed alcohol (OPSIN)",
        _read_german_bracketed_ester,
        "a German ester name, the alcohol a bracketed substituent and the anion run on after it ('(6-Dimethylamino-"
        "4,4-diphenylheptan-3-yl)acetat', as the BtMG's annexes write acetylmethadol), parsed as the English two-word "
        "ester name (chemistry/foreign_nomenclature.py respell_german_bracketed_ester): OPSIN reads the German form "
        "as it is written too, but as the anion of a substituted acid, another substance, so this reading comes "
        "right before it; only the German ending '-at' is read so, never the English '-ate'",
    ),
    LastResortReading(
        "systematic name (OPSIN)",
        _read_as_systematic_name,
        "a structure parsed from a systematic name no source lists (chemistry/opsin.py): the name as written, "
        "read by nomenclature rules, so before any reading that changes what was written",
    ),
    LastResortReading(
        "systematic name beside a bracket (OPSIN)",
        _read_bracket_parts_as_systematic_names,
        "the name before a bracketed synonym, then the synonym, parsed by OPSIN when the whole field is not a "
        "name it parses ('BMK ethylene glycol ketal (2-benzyl-2-methyl-1,3-dioxolane)'; "
        "resolve_systematic_name_parts): each part is what was written, so right after the whole name",
    ),
    LastResortReading(
        "systematic name after an abbreviation (OPSIN)",
        _read_systematic_name_after_abbreviation,
        "an abbreviation in capitals and a systematic name no source lists ('PMK 1-(3,4-methylenedioxyphenyl)propan-"
        "2-one'; resolve_systematic_name_after_abbreviation): the systematic name parsed by OPSIN, the abbreviation "
        "looked up, the more controlled screened and a conflict reported when they differ, as for a full name a source "
        "lists (read_full_name_after_abbreviation); what was written, so right after the bracketed parts",
    ),
    LastResortReading(
        "systematic name with a bracket left open (OPSIN)",
        _read_bracket_left_open,
        "a systematic name typed with one round bracket left open ('N-(1-(2-phenethyl)-4-piperidinyl-N-phenyl-"
        "propanamide'), the bracket closed before each hyphen after it in turn (chemistry/misspellings.py "
        "close_a_bracket_left_open) and kept only when every closing OPSIN parses gives one structure "
        "(resolve_bracket_left_open): what was written with one character added, so after the readings of the name as "
        "written and before those that respell or shorten it",
    ),
    LastResortReading(
        "systematic name in another language's spelling (OPSIN)",
        _read_foreign_systematic_name,
        "a systematic name written with another language's nomenclature morphemes ('1-fenilpropan-2-onă', "
        "'4-bromo-2,5-dimetoxifenetylamin', '1-феніл-2-(метиламіно)-пропанол'), respelt morpheme by morpheme in "
        "English (chemistry/foreign_nomenclature.py) and parsed by OPSIN, the whole name, then its parts beside a "
        "bracketed synonym (resolve_foreign_systematic_name): the same name spelt otherwise, kept only when OPSIN "
        "parses the English spelling, so right after OPSIN has read what was written",
    ),
    LastResortReading(
        "name in another language's spelling, looked up",
        _read_respelt_name,
        "the same English spellings of a name in another language's morphemes, looked up as names (the lexicon, "
        "then the identifier database) rather than parsed: names that are no systematic names OPSIN reads "
        "('Methylaceton' is 'methylacetone', 'Pentamethylenimin' 'pentamethyleneimine'), and a pharmacopoeia's Latin "
        "title ('Acidum hydrochloricum' is 'hydrochloric acid', 'Kalii permanganas' 'potassium permanganate'; "
        "respell_latin_title) (resolve_respelt_name): the name spelt otherwise, every word of it read, so beside "
        "the OPSIN reading of the same spellings; it needs no OPSIN",
    ),
    LastResortReading(
        "glycidate as oxirane-2-carboxylate",
        _read_glycidate_as_oxirane,
        "a glycidic-acid word with located substituents written as the oxirane name it stands for ('ethyl "
        "2-methyl-3-phenylglycidate' is 'ethyl 2-methyl-3-phenyloxirane-2-carboxylate'; chemistry/"
        "glycidic_names.py), then read by the sources and OPSIN (resolve_glycidic_name): the same name in "
        "other nomenclature, not a guess, so right after OPSIN has read the name as written",
    ),
    LastResortReading(
        "acetal by its functional-class name",
        _read_acetal_name,
        "an aldehyde's or ketone's name followed by the alcohol and 'acetal' or 'ketal' ('piperonal dimethyl "
        "acetal', 'BMK ethylene glycol ketal'; chemistry/acetal_names.py), the acetal built on the named "
        "compound's only carbonyl (resolve_acetal_name): a naming convention that OPSIN does not parse, read "
        "after it and the glycidates, before the readings that shorten or change the name",
    ),
    LastResortReading(
        "carboxylate without its ester or cation",
        _read_bare_carboxylate_name,
        "a listed acid's '-ate' name with neither the ester's alcohol nor the salt's cation ('BMK glycidate', "
        "vendors' shorthand; resolve_bare_carboxylate_name), read as the watchlist acid it is a salt or ester "
        "of: every such salt and ester is the acid or a one-step mask of it; only a watchlist acid, so an "
        "unlisted '-ate' is left to the readings below",
    ),
    LastResortReading(
        "locant N- ignored",
        _read_without_n_locants,
        "a watchlist name but for a stand-alone locant N- the list does not write (resolve_without_n_locants): "
        "after OPSIN, because a name that parses as written is that substance",
    ),
    LastResortReading(
        "inverted name",
        _read_inverted_name,
        "a lexicon name written as chemical inventories and CAS index names invert it, the noun first and "
        "its qualifying word after a comma ('Phosphorus, red (amorphous)'; resolve_inverted_name): the words "
        "as written, only in another order; after OPSIN, which reads the substituent particulars of CAS index "
        "names ('Benzene, methyl-'), and before any reading that cuts or changes a word",
    ),
    LastResortReading(
        "ring substituents",
        _read_with_ring_substituents,
        "a listed name with ring substituents before it ('3-fluorometamfetamina'; resolve_ring_substituted_name): "
        "an unlisted class member built on the listed structure, after the readings of a listed name as such",
    ),
    LastResortReading(
        "N-acyl prefix on a watchlist name",
        _read_fused_acyl_name,
        "a watchlist name with N-formyl, N-acetyl or N-trifluoroacetyl fused before it ('N-formylpseudoephedrine'; "
        "resolve_fused_acyl_name): the amide of a listed amine, built on the listed structure as the ring "
        "substituents are, right after them",
    ),
    LastResortReading(
        "nor- name of a fentanyl analogue",
        _read_nor_fentanyl_name,
        "a listed fentanyl analogue's acyl word before 'norfentanyl' ('Acetyl norfentanyl', 'Furanyl norfentanyl': "
        "chemistry/nor_names.py; resolve_nor_fentanyl_name), the drug's structure without the group on its piperidine "
        "nitrogen, as norfentanyl is fentanyl's: built on a listed structure as the two readings before it are",
    ),
    LastResortReading(
        "bisulfite adduct of a listed carbonyl compound",
        _read_bisulfite_adduct_name,
        "a watchlist name with '(sodium) bisulfite adduct' after it or 'bisulfite adduct of' before it ('1-Phenyl-2-"
        "propanone sodium bisulfite adduct': chemistry/adduct_names.py; resolve_bisulfite_adduct_name), the adduct "
        "built on the listed aldehyde or ketone, a mask the unmasking rules explain: built on a listed structure as "
        "the readings before it are",
    ),
    LastResortReading(
        "acyl word before 'fentanyl'",
        _read_acyl_fentanyl_name,
        "an acyl word before 'fentanyl' ('Benzoylfentanyl', '2-Thiophenefentanyl': chemistry/analogue_names.py;"
        " resolve_acyl_fentanyl_name), fentanyl's structure with that acyl group for the propionyl, as the "
        "literature names the analogues: built on a listed structure as the readings before it are",
    ),
    LastResortReading(
        "amine word before a nitazene",
        _read_nitazene_amine_name,
        "an amine word before a listed nitazene's name ('N-pyrrolidino isotonitazene', 'N,N-dimethylamino "
        "etonitazene': chemistry/analogue_names.py; resolve_nitazene_amine_name), the nitazene's structure with "
        "that amine for its diethylamino group: built on a listed structure as the readings before it are",
    ),
    LastResortReading(
        "benzyl stem before 'nitazene'",
        _read_benzyl_stem_nitazene_name,
        "a stem before 'nitazene' that names the group on the benzyl ring ('Flunitazene', 4-fluoro: chemistry/"
        "analogue_names.py; resolve_benzyl_stem_nitazene_name), the listed nitazenes' skeleton with that group, as "
        "the nitazenes are named: built on a listed skeleton as the readings before it are",
    ),
    LastResortReading(
        "substituted-cathinone name",
        _read_cathinone_name,
        "ring and nitrogen substituents before 'cathinone' or an N-methyl homologue's trivial name ('4-methyl-N-"
        "ethylcathinone', '3,4-methylenedioxy-N-methylcathinone', 'N-ethylpentedrone': chemistry/analogue_names.py;"
        " resolve_cathinone_name), alone or in brackets, as the forensic literature names the synthetic cathinones: "
        "built on the listed cathinone's skeleton as the readings before it build on listed structures",
    ),
    LastResortReading(
        "tryptamine code",
        _read_tryptamine_code,
        "a code of Shulgin's TiHKAL for a ring-substituted N,N-dialkyl or alpha-alkyl tryptamine ('4-AcO-DMT', "
        "'5-MeO-MiPT', '4-HO-MET', 'DiPT': chemistry/analogue_names.py expand_tryptamine_code; "
        "resolve_tryptamine_code), the whole name, its first word or a word of it, as the EMCDDA and vendors name "
        "them: built on the listed DMT's skeleton as the substituted-cathinone name is on cathinone's",
    ),
    LastResortReading(
        "1-acyl LSD code",
        _read_lsd_acyl_name,
        "a code or name of LSD with an acyl group on its indole nitrogen ('1P-LSD', '1cP-LSD', '1-propionyl-LSD': "
        "chemistry/analogue_names.py lsd_acyl_group; resolve_lsd_acyl_name), the whole name or a word of it, as the "
        "EMCDDA and vendors name these prodrugs: built on the listed LSD's structure as the readings before it are",
    ),
    LastResortReading(
        "head of the name",
        _read_name_head,
        "the words before the name field's particulars or before the words saying what the goods are sold "
        "as or for, when the rest is only such words ('Acetone 99.5% nail polish remover refill 5 L'; "
        "resolve_name_head): after every reading of the whole name as a name, and before the misspelling, "
        "because it reads what was typed, only cut where the name ends",
    ),
    LastResortReading(
        "first part with its share",
        _read_head_with_share,
        "the first part of the name field when it states its share and names a watchlist entry, whatever "
        "particulars follow ('acide chlorhydrique 33 %, inhibiteur de corrosion'; resolve_head_with_share): "
        "right after the head of the name, which reads the same first part when the rest is use or pack words only",
    ),
    LastResortReading(
        "name before what the goods are for",
        _read_before_purpose,
        "the words before a word for 'for' and the goods' use ('Potassium permanganate for water treatment', "
        "'roter Phosphor für Reibflächen'; resolve_before_purpose), when they name a scheduled precursor (a drug's "
        "street names are everyday words) and the use names no other substance, never in a medicine's text: what was "
        "typed, only the use set aside; right after the first part with its share, which cuts a name at its "
        "particulars as this cuts it at its use",
    ),
    LastResortReading(
        "name before 'based' in a medicine's text",
        _read_before_based,
        "the words before 'based' when a dose form follows ('Codeine Based Cough Syrup (CBCS)', 'codeine-based "
        "linctus'; resolve_before_based), when they name a watchlist entry and the rest names no other substance: a "
        "medicine described by what it is made from; right after the name before what the goods are for, which cuts "
        "a name at its use as this cuts it at its base",
    ),
    LastResortReading(
        "name after 'containing'",
        _read_after_containing,
        "the words after a word for 'contains' that opens the name, after 'each' and a unit or the words for a "
        "medicinal product ('Medicinal product containing pseudoephedrine hydrochloride 60 mg tablets', 'Each tablet "
        "contains ...'; chemistry/identifiers.py find_text_after_contains, as a description is read): a medicine "
        "described by what it contains; after the medicine readings before it, which read a name cut at its use or base",
    ),
    LastResortReading(
        "label before a colon",
        _read_after_label,
        "the words after a label of a few words and a colon ('kit contents: potassium permanganate 500 g, "
        "sulphuric acid 1 l', 'Actifed Rhume: paracetamol, pseudoephedrine, triprolidine') or a dash with spaces "
        "around it ('Ephedra sinica extract - ephedrine HCl 98%'), or after a safety data "
        "sheet's section labels ('SECTION 1 Product identifier: Safrole; SECTION 3: ...'; resolve_after_label): "
        "what was typed, only the label set aside, when the label names no other substance; after the head of "
        "the name, which reads a name before its particulars, and before the trade name, which sets aside words "
        "no colon marks",
    ),
    LastResortReading(
        "word saying the goods are a precursor",
        _read_after_precursor_word,
        "a word saying the goods are a drug precursor before or after a precursor's name ('précurseur PMK', "
        "'Grundstoff BMK', 'PMK precursor'; chemistry/identifiers.py strip_precursor_word; "
        "resolve_after_precursor_word): set aside only when the rest names a scheduled or designer precursor of the "
        "watchlist, never a controlled drug ('GHB precursor' is GBL, 'TMA precursor' trimethylaluminium); after the "
        "label before a colon, which reads 'Drug precursor: APAAN' already",
    ),
    LastResortReading(
        "systematic name beside other words (OPSIN)",
        _read_systematic_name_in_name,
        "a systematic name written beside a trivial name or other words ('Acetylfentanyl hydrochloride N-phenyl-N-[1-"
        "(2-phenylethyl)-4-piperidinyl]acetamide'; resolve_systematic_name_in_name): the systematic name cut out as a "
        "description's is and parsed by OPSIN, the other words looked up, the more controlled screened and a conflict "
        "reported when they differ; after the readings of a name's head, share, purpose, contents, label and precursor "
        "word, which read such names more closely (review: it had read 'NPP 10 % in ethanol' and a safety data sheet's "
        "sections first)",
    ),
    LastResortReading(
        "names in two scripts",
        _read_names_in_two_scripts,
        "a name in a CJK script beside one in Latin letters, as exporters' listings write them ('高锰酸钾 Potassium "
        "permanganate KMnO4 99.3%'; resolve_names_in_two_scripts): each looked up, the more controlled screened and a "
        "conflict reported when they differ; each part whole, after the readings that cut a name at its words",
    ),
    LastResortReading(
        "trade name before the name",
        _read_after_trade_name,
        "a medicine's trade name, then a controlled drug's name ('Xanax alprazolam 0.5 mg tablets'; "
        "resolve_after_trade_name): up to two leading words, unknown or the same substance, no chemical word, "
        "set aside only when the rest names a drug-tier entry; after the head of the name, before the misspelling",
    ),
    LastResortReading(
        "natural product with qualifiers",
        _read_qualified_natural_product,
        "a part of the name that is a natural product's name (natural_products.csv: 'sassafras oil') once words "
        "naming the plant's species, origin or part or the kind of oil are set aside ('Sassafras albidum "
        "essential oil', 'brown camphor oil, safrole-rich fraction'; resolve_qualified_natural_product): after "
        "every reading of what a name's words are, since it sets words aside, and before the misspelling, which "
        "guesses at a letter",
    ),
    LastResortReading(
        "two names of one substance",
        _read_two_names_of_one_substance,
        "two names of one watchlist record side by side, without brackets ('PMK oil 3,4-MDP-2-P 100 ml'; "
        "resolve_two_names_of_one_substance): the name without its trade words cut in two at one place, each half a "
        "lexicon name of the same record; after the natural product with qualifiers, whose words it would cut "
        "('Sassafras oil – Safrole 85%'), before the characters OCR confuses",
    ),
    LastResortReading(
        "characters OCR confuses",
        _read_ocr_name,
        "the name with the shapes optical character recognition confuses put back, 1 for l, 0 for o, rn for m, cl for "
        "d, a full stop for a locants' comma ('Fentany1 citrate', 'Methamphetarnine', '3.4-methylenedioxy...'; "
        "chemistry/ocr_names.py, resolve_ocr_name), when exactly one watchlist substance is named so, or, with digits "
        "inside words put back alone, one substance of the identifier database ('Methy1 2-acetamidobenzoate'): a known "
        "set of confusions of scanned paper, before the misspelling, which guesses at any letter",
    ),
    LastResortReading(
        "name in Arabic script, read by its consonants",
        _read_arabic_script_name,
        "a name written in Arabic or Persian letters whose words have the consonants, and the written vowels in their "
        "places, of exactly one watchlist substance's name ('الإيفيدرين', 'برمنغنات البوتاسيوم'; chemistry/arabic_names.py, "
        "resolve_arabic_script_name): "
        "a loanword's sounds, not what was typed, so after every reading of the letters and before the guesses at a "
        "letter the trader typed; only names in Arabic script, which no reading before it reads",
    ),
    LastResortReading(
        "name in another grammatical case",
        _read_inflected_name,
        "a name whose words have the stems, once a case ending of the inflected languages is set aside, of exactly one "
        "watchlist entry's name in those languages, or its letters in another of the Union's spellings of one "
        "international name ('safrolu', 'raudonojo fosforo', 'Metilfenidat'; chemistry/inflected_names.py, "
        "resolve_inflected_name): the words typed, only their endings read as grammar and their letters as spelling, "
        "so before the guesses at a letter; after the Arabic-script reading, which reads no Latin letters",
    ),
    LastResortReading(
        "misspelling",
        _read_as_misspelt,
        "one typing error from exactly one watchlist substance's name and from no other known name "
        "(resolve_misspelt_name): near the end, because it guesses at a letter the trader did type, and every "
        "reading before it reads what was typed",
    ),
    LastResortReading(
        "name cut at a field's length",
        _read_as_cut,
        "the beginning of exactly one watchlist substance's names, as an ERP system cuts a material's text at its "
        "field's length, mid-word ('ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR'; resolve_cut_name): last, because "
        "it guesses at the whole of what was not typed; a name one typing error away is read before it",
    ),
)
# The reading of a structure identifier typed into the name field: the only one a joined SMILES string is given
_STRUCTURE_NAME_READINGS = tuple(r for r in LAST_RESORT_NAME_READINGS if r.read is _read_structure_identifier_in_name)


def read_unresolved_name(
    readers: NameReaders, name: str, unresolved: Resolution, readings: Sequence[LastResortReading] | None = None
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) by the first of
    ``readings`` (LAST_RESORT_NAME_READINGS) that finds a substance; ``unresolved`` itself when none does, and when
    what is found is a natural product of a name that says the goods were not made by nature."""
    readings = LAST_RESORT_NAME_READINGS if readings is None else readings
    found = _read_unresolved_name(readers, name, unresolved, readings)
    if (
        found.std is not None
        and NATURAL_PRODUCT_SOURCE in (found.source or "")
        and says_made_otherwise_than_by_nature(name)
    ):
        # "Sassafras oil, synthetic": a natural product read from the name once its grades were set aside ("synthetic"
        # among them, as "natural" is), or from its head, where the declared name says the goods were made otherwise
        return unresolved
    return found


def _read_unresolved_name(
    readers: NameReaders, name: str, unresolved: Resolution, readings: Sequence[LastResortReading] | None
) -> Resolution:
    name = strip_trace_limit_groups(name)  # as resolve_item read it: a trace limit names no goods
    declared = DeclaredName(name)
    found = _first_reading(readers, declared, unresolved, readings)
    if found.std is not None:
        return found
    for rewritten, how in rewrite_unresolved_name(declared):
        found = _looked_up_as_rewritten(readers, rewritten, unresolved) if how.looked_up else unresolved
        if found.std is None:
            found = _first_reading(readers, DeclaredName(rewritten), unresolved, readings)
        if found.std is not None and how.of_a_base and not _has_nitrogen(found.std):
            continue  # "sulfat" also names esters: what is left must be a base, whose salt it names
        if found.std is not None:
            return with_reading_noted(
                found, f"the name '{quote_declared(name)}' was read {how.said}, as '{quote_declared(rewritten)}'"
            )
    return unresolved


@dataclass(frozen=True, slots=True)
class NameRewriting:
    """How a declared name nothing read was rewritten before the last-resort readings were tried on it again."""

    said: str  # for the flag: "the name ... was read <said>, as ..."
    looked_up: bool  # whether the rewritten name is looked up too (the key readings did not see it)
    of_a_base: bool = False  # whether what is found counts only when it is a base (NAME_KEY_READINGS' sense)


_WITHOUT_ISOTOPE_LABEL = NameRewriting(
    "without its isotope label (a labelled reference standard is screened as its substance)", looked_up=False
)
_WITHOUT_TRADE_WORDS = NameRewriting("without its grades, quantities and packaging words", looked_up=False)
_WITHOUT_SALT_WORDS = NameRewriting("without its salt and hydrate words", looked_up=False)
_WITHOUT_SALT_OR_ESTER_WORDS = NameRewriting(
    "without its salt and hydrate words (an acid word that also names esters among them: read only as a base's salt)",
    looked_up=False,
    of_a_base=True,
)
_WITHOUT_TRAILING_CAS = NameRewriting(
    "without the CAS number it ends with, which named nothing known (the name read on its own)", looked_up=False
)
_WITHOUT_BRACKETED_GROUPS = NameRewriting(
    "without its bracketed synonyms or comments, which named nothing known (the name outside them read on its own)",
    looked_up=False,
)
_GLYCIDATE_ESTER_ORDERED = NameRewriting(
    "with its ester's alkyl after the ketone's abbreviation, as the lists name the glycidates", looked_up=True
)
# A glycidate named by its alkyl before the ketone's abbreviation ("tert-butyl PMK glycidate", the sixty-fifth held-out
# set's pch65017; "Methyl PMK glycidat", "tBu PMK glycidaat": review41), where Delegated Regulation (EU) 2024/1331 and
# the lists write "PMK tert-butyl glycidate"; ours.
_ALKYL_BEFORE_GLYCIDATE_RE = re.compile(
    r"^\s*(?P<alkyl>methyl|ethyl|(?:n-?|iso-?)?propyl|(?:n-?|iso-?|sec-?|tert-?|t-?)?butyl|me|et|i?pr|t-?bu)[\s-]+"
    r"(?P<ketone>[BP]MK)[\s-]+glycid(?:ate|at|aat|ato)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ALKYL_SHORTHANDS = {"me": "methyl", "et": "ethyl", "pr": "propyl", "ipr": "isopropyl", "tbu": "tert-butyl", "t-bu": "tert-butyl"}
_CYRILLIC_TRANSLITERATED = NameRewriting(
    "with its Cyrillic letters in Latin ones (a drug's or chemical's name is the same word in every script)",
    looked_up=True,
)


def rewrite_unresolved_name(declared: DeclaredName) -> list[tuple[str, NameRewriting]]:
    """The rewritings of a declared name that nothing read, tried in this order by read_unresolved_name: without its
    isotope labels ("Norsufentanil-d3"; the key readings tried its keys so already: "isotope label"), without its
    grades, quantities and packaging words ("Methyl 2-methyl-3-(3,4-methylenedioxyphenyl)glycidate analytical reference
    standard": a few readings read the name so, most as written; review35), without its salt
    and hydrate words ("Deksamfetamin sulfat": the key readings looked its keys up so, but the readings after them see
    the name as written), then in Latin letters ("Альпразолам", "Ергометрин малеат": the key readings see no Latin name
    in Cyrillic letters)."""
    name, rewritings = declared.text, []
    if (unlabelled := strip_isotope_labels(name)) != name:
        rewritings.append((unlabelled, _WITHOUT_ISOTOPE_LABEL))
    plain = " ".join(declared.without_trade_words.split()).strip(" ,;-")  # (set aside once: DeclaredName)
    if plain and plain != " ".join(fold_accents(name).split()).strip(" ,;-"):  # (it folds accents: no rewriting)
        rewritings.append((plain, _WITHOUT_TRADE_WORDS))
    if (desalted := strip_salt_words(name)) is not None:
        rewritings.append((desalted[0], _WITHOUT_SALT_OR_ESTER_WORDS if desalted[1] else _WITHOUT_SALT_WORDS))
    if (latin := transliterate_cyrillic(name)) is not None:
        rewritings.append((latin, _CYRILLIC_TRANSLITERATED))
    if (ordered := _ALKYL_BEFORE_GLYCIDATE_RE.match(plain or name)) is not None:
        alkyl = _ALKYL_SHORTHANDS.get(ordered["alkyl"].lower(), ordered["alkyl"])
        rewritings.append((f"{ordered['ketone']} {alkyl} glycidate{ordered['rest']}", _GLYCIDATE_ESTER_ORDERED))
    # A name the key readings looked up beside the CAS number it ends with, but the readings after them saw only with
    # the number ("Ethyl 3-oxo-4-phenylbutanoate CAS 718-08-1", a number no source lists: the sixty-first held-out set's
    # pmh61002); and the name outside a bracketed group that names nothing ("Benzoylfentanyl (phenylfentanyl)",
    # "Ethyl 3-oxo-4-phenylbutanoate (BMK precursor)"), which the readings after the key readings see only whole. Not
    # when the name says something is absent or is not the substance: the group may say so of what is outside it.
    # Each read as written, else without the words saying what the goods are sold as ("... (BMK precursor) CAS 718-08-1
    # high purity fast shipping").
    trailing = split_trailing_cas(name)
    base = name if trailing is not None else strip_name_use_words(name)
    if trailing is None:
        trailing = split_trailing_cas(base)
    if trailing is not None:
        rewritings.append((trailing[0], _WITHOUT_TRAILING_CAS))
        base = trailing[0]
    groups = split_bracketed_synonyms(base)
    said_in_groups = " ".join(groups[1:])
    if (
        groups
        and (outside := " ".join(groups[0].split())) != base
        and not says_absent(said_in_groups)
        and not _NOT_THE_SUBSTANCE_RE.search(said_in_groups)
        and not _REMOVED_RE.search(said_in_groups)
        and not _HOMEOPATHIC_RE.search(fold_accents(said_in_groups))
    ):
        rewritings.append((outside, _WITHOUT_BRACKETED_GROUPS))
    return rewritings


# Words in a bracketed group that say the goods are not the substance the rest names, are made for it, or have it
# taken out ("Benzoylfentanyl (test strips)", "Safrole (imitation)", "Ephedra herb extract (no ephedrine)"); ours,
# written from knowledge. A name is not read again without a group that says so. Only the groups set aside are read
# for them: a word elsewhere ("synthetic", "duty free", "powder type") hid the name in a first version (review37).
_NOT_THE_SUBSTANCE_RE = re.compile(
    r"\b(?:substitutes?|replacements?|alternatives?|imitations?|type|like|placebo|tests?|testing|strips?|kits?|"
    r"detection|detectors?|antibod(?:y|ies)|immunoassays?|elisa|nature[\s-]+identical|flavou?rs?|fragrances?|"
    r"scents?|free|no|not|none|nicht|kein\w*|sans|senza|sin|bez|zonder|dealkalo\w*|entalkalo\w*|detected|nachweisbar)\b",
    re.IGNORECASE,
)


def _looked_up_as_rewritten(readers: NameReaders, rewritten: str, unresolved: Resolution) -> Resolution:
    """``unresolved`` resolved by looking the rewritten name up as any declared name is (resolve_item), in the lexicon
    only: the identifier database gives other languages' words to substances too (its synonym "benzin" is benzene,
    where Russian "бензин" is petrol), so a transliterated name is read only where our own names read it."""
    found = resolve_item(readers.watchlist, readers.cache, name=rewritten)
    return carrying_problems_of(unresolved, found) if found.std is not None else unresolved


def _first_reading(
    readers: NameReaders, name: DeclaredName, unresolved: Resolution, readings: Sequence[LastResortReading]
) -> Resolution:
    for reading in readings:
        found = reading.read(readers, name, unresolved)
        if found.std is not None:
            return found
    return unresolved


@dataclass(slots=True)
class Resolution:
    resolved_by: str  # smiles | inchi | cas | name | cn_code | unresolved
    std: Standardised | None
    name: str | None = None
    invalid: list[str] = field(default_factory=list)  # identifier problems, in words
    conflicts: list[str] = field(default_factory=list)  # identifiers naming different substances
    # Where the substance was found ("watchlist", "common chemicals (curated)", "chemicals
    # (ChEDL/PubChem) CID 7678", "declared structure"); None when nothing was resolved.
    source: str | None = None
    # Sources that disagree about a declared identifier, or give it to several substances, in words.
    source_notes: list[str] = field(default_factory=list)
    # The other substances of a field of several CAS numbers (a mixture), each screened too; the one
    # resolved above is the most controlled listed one (see rank_listing).
    also_declared: tuple[DeclaredSubstance, ...] = ()
    # Of source_notes, those saying that a declared name or number stands for several substances or
    # watchlist entries (a name that does not give the stereoisomer; a name the identifier database
    # gives to several substances): `precwatch identify` shows them as ambiguities.
    ambiguous: list[str] = field(default_factory=list)
    # The reading screened of an identifier of several substances was chosen on an analysis the wall
    # clock cut short (resolve_item's ``concern``): a busy moment's choice, so not to be remembered.
    clock_bound: bool = False
    # The name field resolve_item read, with the InChI or InChIKey it holds (read_structure_identifier; None when
    # it holds neither); None when no name was read. The last-resort readings of that name take it from here
    # rather than reading the field again (resolve_structure_identifier_in_name). Not part of what was resolved.
    name_structure_identifier: tuple[str, tuple[str, str] | None] | None = field(
        default=None, compare=False, repr=False
    )
    # The name field held a structure identifier (an InChI, InChIKey or SMILES) that resolved the item: it names
    # the goods by their structure, not by a name (pipeline/signals.py read_goods_presentation, heading 3003).
    name_is_structure: bool = False


@dataclass(slots=True, frozen=True)
class DeclaredSubstance:
    """Another substance an item declares: a number of its CAS field, or a part of its name field, that
    names a different substance than the one the item is screened as."""

    identifier: str  # as flags name it: "CAS 67-64-1", "name 'Toluen'"
    std: Standardised
    name: str | None
    source: str
    field: str = "CAS field"  # where it was declared, in words


class StructureCache:
    """Bounded cache of raw identifier -> (standardised, reason[, drawing key]): most items repeat common
    chemicals."""

    __slots__ = ("_data", "_max", "hits", "misses")

    def __init__(self, max_size: int = 100_000):
        self._data: dict[str, tuple] = {}
        self._max = max_size
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, raw: str, compute) -> tuple:
        found = self._data.get(raw)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        return remember(self._data, raw, compute(raw), self._max)


def remember(cache: dict[K, V], key: K, value: V, max_size: int) -> V:
    """Store a computed value in a bounded cache dict (first in, first out) and return it."""
    if len(cache) >= max_size:
        cache.pop(next(iter(cache)))  # FIFO eviction keeps memory bounded
    cache[key] = value
    return value


def standardise_in_cache(cache: StructureCache, smiles: str) -> tuple[Standardised | None, str]:
    """The standardised structure of a SMILES string, remembered per string and per drawing: a new
    string is parsed, and standardised only when no other spelling of its drawing (the same
    ``compute_drawing_key``) was standardised before."""
    std, reason, _ = standardise_spelling(cache, smiles)
    return std, reason


def standardise_spelling(cache: StructureCache, smiles: str) -> tuple[Standardised | None, str, str | None]:
    """``standardise_in_cache`` with the string's drawing key (``compute_drawing_key``; None when the
    string cannot be parsed): what every spelling of one drawing has in common, so that what is
    computed from the drawing can be remembered once for all its spellings."""

    def standardise(raw: str) -> tuple[Standardised | None, str, str | None]:
        mol, reason = parse_smiles(raw[2:])
        if mol is None:
            return None, reason, None
        drawing = compute_drawing_key(mol)
        std, reason = cache.get_or_compute("D:" + drawing, lambda key: standardise_parsed(mol, key[2:]))
        return std, reason, drawing

    return cache.get_or_compute("S:" + smiles, standardise)


def _std_from_inchi(text: str) -> tuple[Standardised | None, str]:
    mol, reason = parse_inchi(text)
    if mol is None:
        return None, reason
    mol, notes = normalise_drawing(mol) if "/i" in text else (mol, ())  # the isotope layer
    return standardise_mol(mol, notes), ""


def resolve_item(
    watchlist: Watchlist,
    cache: StructureCache,
    smiles: str | None = None,
    inchi: str | None = None,
    cas: str | None = None,
    name: str | None = None,
    cn_code: str | None = None,
    database: IdentifierDatabase | None = None,
    concern: Concern | None = None,
) -> Resolution:
    """``concern``: how much the watchlist cares about a structure (0: not at all); it decides which
    reading of an identifier the database gives to several substances is screened (_database_candidate)."""
    # (kind, structure, name when the identifier is a name or CAS look-up, the identifier as declared,
    # the source that resolved it)
    candidates: list[Candidate] = []
    invalid: list[str] = []
    notes: list[str] = []
    conflicts: list[str] = []
    ambiguous: list[str] = []
    if smiles:
        std, reason = standardise_in_cache(cache, smiles)
        if std is None:
            invalid.append(f"SMILES: {reason}")
        else:
            candidates.append(("smiles", std, None, smiles, DECLARED_STRUCTURE))
    if inchi:
        std, reason = cache.get_or_compute("I:" + inchi, lambda raw: _std_from_inchi(raw[2:]))
        if std is None:
            invalid.append(f"InChI: {reason}")
        else:
            std = read_inchi_as_lexicon_draws(watchlist, cache, inchi, std)
            candidates.append(("inchi", std, None, inchi, DECLARED_STRUCTURE))

    def look_up_numbers(numbers: list[str], declared: str) -> list[Candidate]:
        """The substances of CAS numbers, the most controlled listed one first: several numbers in one
        field are a mixture, each substance screened, so "acetone; BMK" is screened as BMK with acetone
        also declared."""
        looked_up: list[Candidate] = []
        for number in numbers:
            record = watchlist.by_cas.get(number)
            answer = database.lookup_cas(number) if database is not None else None
            if record is not None:
                looked_up.append(
                    ("cas", _record_std(record, cache), record.name, number, record.source)
                )
                _compare_sources(watchlist, cache, f"CAS {number}", record, answer, notes, conflicts)
            elif answer is not None:
                looked_up.extend(
                    _database_candidate(cache, "cas", number, answer, ambiguous, concern, _keys_of(candidates))
                )
        sort_most_controlled_first(watchlist, looked_up)
        return looked_up

    found: list[Candidate] = []  # the substances of the CAS field
    if cas:
        numbers, problems, set_aside = read_declared_cas(cas)
        if not numbers and (repaired := repair_mangled_cas(cas)) is not None:
            # a spreadsheet's thousands separators or a middle group's dropped zero ("4.433.776", "7647-1-0")
            numbers, problems, set_aside = read_declared_cas(repaired)
            if numbers:
                notes.append(f"CAS field '{quote_declared(cas)}' read as '{repaired}', as a spreadsheet had written it")
        if not numbers and (dated := read_spreadsheet_cas(watchlist, cas)) is not None:
            # "08/05/5413", "1283226": a CAS number a spreadsheet turned into a date or its serial
            numbers, problems, set_aside = read_declared_cas(dated[0])
            notes.append(f"CAS field '{quote_declared(cas)}' read as {dated[0]}, of which it is {dated[1]}")
        if not numbers and (corrected := correct_ocr_cas(cas)) is not None:
            # letters for digits, as a scanned invoice's text gives them ("1O3-79-7"): read when the check
            # digit then holds, and said so
            numbers, problems, set_aside = read_declared_cas(corrected)
            notes.append(describe_ocr_reading("CAS field", cas, corrected))
        # An EC number or CLP index number in the CAS field ("200-662-2", "EC 203-564-8"), as safety data sheets
        # print it beside the CAS number: another identifier, not an invalid CAS number, when it is a watchlist
        # entry's (chemistry/data/regulatory_numbers.csv)
        regulatory = regulatory_number_candidate(watchlist, cas) if not numbers else None
        if regulatory is not None:
            problems = []
            notes.append(regulatory[1])
        invalid.extend(problems)
        found = [regulatory[0]] if regulatory is not None else look_up_numbers(numbers, cas)
        candidates.extend(found)
        # Words beside a number that are a listed substance's name are read as a declared name is, after
        # the number: "64-17-5 BMK" or "64-17-5 (BMK)" is ethanol's number with BMK's name, a conflict.
        # Other words are set aside with a note (a bracketed comment without one).
        for aside in set_aside:
            record, _ = lookup_name_record(watchlist, cache, aside.words)
            if record is None:
                if not aside.comment:
                    notes.append(aside.note)
            else:
                candidates.append(_name_candidate(cache, record, aside.words))
    if name and (without_limits := strip_trace_limit_groups(name)) != name:
        # "Full spectrum hemp extract (Tetrahydrocannabinol max 0.2%)": a trace limit says the goods hold at most a
        # trace of a constituent, which no reading of the name may take for the goods
        notes.append(
            f"the name '{quote_declared(name)}' was read without the limit it states on a trace constituent, as "
            f"'{quote_declared(without_limits)}'"
        )
        name = without_limits
    # A name field that holds an InChI or InChIKey is not looked up as a name: its pieces could match a
    # synonym of anything (the InChI of phenylacetic acid found a database synonym of clorprenaline); the
    # last-resort readings read it as that identifier (resolve_structure_identifier_in_name).
    identifier_in_name = (name, read_structure_identifier(name)) if name else None
    if identifier_in_name is not None and identifier_in_name[1] is None:
        said = Remarks(notes, conflicts, ambiguous)
        # Every look-up below runs before anything the name field names is kept, so the other identifiers'
        # structures (declared_keys) are the same for each: those found before the name field was read.
        lookup = NameLookup(watchlist, cache, database, concern, _keys_of(candidates))
        beside = read_full_name_beside_abbreviation(lookup, name, said) or read_full_name_after_abbreviation(
            lookup, name, said
        )
        if beside:
            # the substance screened, then (when the abbreviation's is the more controlled one) the full
            # name's, which the conflicts below report
            record, named = None, beside[0]
        else:
            record, named = _look_up_name(lookup, name, said)
            if named is not None and (decided := _shared_abbreviation_decided_by_number(name, found)) is not None:
                # "MDEA" with CAS 105-59-9: letters a source records for the chemical the number names, too
                notes.append(decided)
                record, named = None, None
        if record is not None and named is not None:
            # A bracketed "synonym" may name another listed substance ("Acetone (1-phenyl-2-propanone)"):
            # the most controlled one named is screened, the others are conflicts.
            synonyms = _bracketed_synonym_candidates(watchlist, cache, name, named[1])
            candidates.extend(sorted([named, *synonyms], key=lambda candidate: rank_listing(watchlist, candidate[1])))
        elif named is not None:
            candidates.append(named)
            candidates.extend(beside[1:])
        elif protected := read_protected_name(lookup, name, said):
            candidates.append(protected)  # after the exact look-ups (chemistry/protected_names.py)
        if not any(c[0] == "name" for c in candidates) and not found:
            # A CAS number typed into the name field (many systems have one free-text field for the
            # goods): read as the CAS field's would be, and said so, when the text names nothing itself.
            # Beside a quantity too ("CAS 94-59-7 1 kg" in a description: the figures of "1 kg" made the
            # field no CAS field, and safrole was not read; seventeenth session's attack).
            trailing = split_trailing_cas(name)
            if trailing:
                # "Safrol 97% CAS 94-59-7": the number and the name before it, each read as its own field
                # would be; the number first, as a CAS field's is, and a conflict reported when they differ.
                # Before the field is read as a number alone, which would leave the name unread.
                before, number = trailing
                by_number = look_up_numbers([number], name)
                _, by_name = _look_up_name(lookup, before, said)
                candidates.extend([*by_number, *([by_name] if by_name is not None else [])])
                if by_number or by_name is not None:
                    notes.append(
                        f"the name field ends with a CAS number: '{quote_declared(name)}' was read as the name "
                        f"'{quote_declared(before)}' and CAS {number}"
                    )
            else:
                numbers, _, words_beside = read_declared_cas(name)
                if not numbers:
                    numbers, words_beside = read_declared_cas(strip_trade_words(name))[0], []
                corrected = correct_ocr_cas(name) if not numbers else None
                if corrected is not None:
                    numbers = read_declared_cas(corrected)[0] or read_declared_cas(strip_trade_words(corrected))[0]
                in_name = look_up_numbers(numbers, name)
                if in_name:
                    notes.append(f"the name field holds a CAS number: '{quote_declared(name)}' was read as one")
                    if corrected is not None:
                        notes.append(describe_ocr_reading("name field", name, corrected))
                    candidates.extend(in_name)
                    # and the words read_declared_cas set aside beside the number, read as a name: "Potassium
                    # permanganate 7732185" (review23 F12) names a substance too, and a contradiction is reported,
                    # the most controlled screened
                    for aside in words_beside if corrected is None else ():
                        _, by_words = _look_up_name(lookup, aside.words, said)
                        if by_words is not None:
                            candidates.append(by_words)
        if not any(c[0] in ("name", "cas") for c in candidates):
            # Several substances in one name field ("Aceton; Toluen", "acetone and toluene"): a mixture,
            # as several numbers in the CAS field are (_look_up_name_list says when a split is kept).
            listed, unread, parts_said = _look_up_name_list(lookup, name)
            if listed:
                sort_most_controlled_first(watchlist, listed)
                if unread:
                    notes.append(
                        f"the name field lists {len(listed) + len(unread)} parts: {len(listed)} named, screened"
                    )
                else:
                    notes.append(f"the name field names {len(listed)} substances: each is screened")
                notes += [f"part of the name field names nothing known: '{quote_declared(part)}'" for part in unread]
                notes += parts_said.notes
                conflicts += parts_said.conflicts
                ambiguous += parts_said.ambiguous
                found = found + listed
                candidates.extend(listed)
    notes = ambiguous + notes
    if not candidates:
        return Resolution(
            "cn_code" if cn_code else "unresolved",
            None,
            None,
            invalid,
            conflicts,
            None,
            notes,
            ambiguous=ambiguous,
            name_structure_identifier=identifier_in_name,
        )
    # Identifiers that contradict each other: the most controlled of their substances is screened, the others
    # reported as the conflict (review23 F12: a name of potassium permanganate beside water's CAS number was screened
    # as water, with no flag). Among equally controlled ones, the first declared (a structure before a number before
    # a name).
    # Not when the first is one of several substances the fields declare as a mixture (a CAS field that includes
    # the declared structure, a name list): those are screened each, as also_declared below.
    declared_together = {c[1].key for c in found if c[1] is not None}
    first = candidates[0][1]
    in_mixture = first is not None and first.key in declared_together and len(declared_together) > 1
    if len(candidates) > 1 and not in_mixture:
        most_controlled = min(candidates, key=lambda candidate: rank_listing(watchlist, candidate[1]))
        if rank_listing(watchlist, most_controlled[1]) < rank_listing(watchlist, candidates[0][1]):
            candidates.remove(most_controlled)
            candidates.insert(0, most_controlled)
    how, std, label, _, source = candidates[0]
    # The CAS field's substances are a mixture, not a contradiction, when the item is screened as one of them.
    mixture = {c[1].key for c in found if c[1] is not None}
    if std is None or std.key not in mixture or len(mixture) < 2:
        mixture = set()
    conflicts = [
        f"{_describe(watchlist, candidates[0])} and {_describe(watchlist, other)} name different substances "
        f"(the {IDENTIFIER_LABELS[how]} is screened)"
        for other in candidates[1:]
        if other[1] is not None and std is not None and other[1].key != std.key and other[1].key not in mixture
    ] + conflicts
    also = _also_declared(watchlist, found, std) if mixture else ()
    if len(also) > MAX_ALSO_DECLARED:
        invalid.append(
            f"the item declares {len(also) + 1} different substances; only the {MAX_ALSO_DECLARED + 1} most "
            "controlled are screened"
        )
        also = also[:MAX_ALSO_DECLARED]
    return Resolution(
        how, std, label, invalid, conflicts, source, notes, also, ambiguous, name_structure_identifier=identifier_in_name
    )


def describe_ocr_reading(field: str, declared: str, corrected: str) -> str:
    """How a CAS number typed with letters for digits was read (correct_ocr_cas), as flags say it."""
    return (
        f"the {field} '{quote_declared(declared)}' was read with letters for digits (O as 0, I or l as 1), as "
        f"optical character recognition gives them: '{quote_declared(corrected)}' (its check digit holds)"
    )


# A declared identifier is quoted in the notes and sources a flag carries at most this long: a name
# may be nearly as long as an event (MAX_MESSAGE_BYTES), and a flag quoting it whole, once or twice,
# could outgrow what the flags topic accepts.
MAX_QUOTED_CHARS = 200


def quote_declared(text: str) -> str:
    """A declared identifier as notes and sources quote it: whole, or its start and an ellipsis."""
    return text if len(text) <= MAX_QUOTED_CHARS else text[:MAX_QUOTED_CHARS] + "…"


Candidate = tuple[str, Standardised | None, str | None, str, str]
Concern = Callable[[Standardised], float]
# Each substance of a CAS field is analysed like an item of its own: a field of hundreds of numbers
# must not cost hundreds of analyses (the least controlled beyond this are reported, not screened).
MAX_ALSO_DECLARED = 9
DECLARED_STRUCTURE = "declared structure"
# A name's bracketed synonyms looked up on their own (each costs a name look-up): a hostile name of
# hundreds of groups must not cost hundreds.
MAX_SYNONYM_PIECES = 10


def rank_listing(watchlist: Watchlist, std: Standardised | None) -> tuple[int, int]:
    """How controlled a structure is by its listing (CompiledEntry.priority: drugs, then Category 1,
    2A, 2B, 3, 4, then designer precursors); after every listed one, an unlisted structure."""
    entries = watchlist.by_key.get(std.key, ()) if std is not None else ()
    return min((entry.priority() for entry in entries), default=(len(TIER_PRIORITY), 0))


def sort_most_controlled_first(watchlist: Watchlist, candidates: list[Candidate]) -> None:
    """Sort the substances of a field declaring several, in place: the most controlled first
    (rank_listing), others in the order declared. Among equally most controlled ones the one screened
    is the first by structure key, not the first typed, so that "Piperonal; Safrole" and "Safrole;
    Piperonal" are screened alike (the screened substance brings family and similarity findings that an
    also-declared one identified exactly does not)."""
    candidates.sort(key=lambda candidate: rank_listing(watchlist, candidate[1]))
    if len(candidates) < 2:
        return
    best = rank_listing(watchlist, candidates[0][1])
    tied = [i for i, c in enumerate(candidates) if rank_listing(watchlist, c[1]) == best]
    first = min(tied, key=lambda i: candidates[i][1].key if candidates[i][1] is not None else "")
    candidates.insert(0, candidates.pop(first))


def _also_declared(
    watchlist: Watchlist, found: list[Candidate], screened: Standardised | None
) -> tuple[DeclaredSubstance, ...]:
    """The substances of a CAS field (or of a name field listing several) other than the one screened,
    one per structure, in rank order."""
    seen = {screened.key} if screened is not None else set()
    out = []
    for how, std, label, declared, source in found:
        if std is None or std.key in seen:
            continue
        seen.add(std.key)
        identifier, where = (
            (f"CAS {declared}", "CAS field") if how == "cas" else (f"name '{quote_declared(declared)}'", "name field")
        )
        out.append(DeclaredSubstance(identifier, std, label or name_structure(watchlist, std), source, where))
    return tuple(out)


# The listings a fragment set aside as salt or solvent is screened for (add_listed_fragments): drugs, Categories 1,
# 2A and 2B and the designer precursors above the watch level. Category 3 acids and solvents, Category 4 and watch-level
# chemicals are what salts and solvates are made of (hydrochloric acid of every hydrochloride, a toluene solvate).
_FRAGMENT_CATEGORIES = frozenset({"1", "2A", "2B"})
_FRAGMENT_DESIGNER_LEVELS = frozenset({"high", "pre"})


def _is_fragment_listing(entry: CompiledEntry) -> bool:
    e = entry.entry
    if entry.cn_scope:
        return False
    if e.tier == "drug":
        return True
    if e.tier == "designer":
        return entry.level in _FRAGMENT_DESIGNER_LEVELS
    return e.category in _FRAGMENT_CATEGORIES


def add_listed_fragments(watchlist: Watchlist, cache: StructureCache, resolution: Resolution) -> Resolution:
    """``resolution`` with each fragment its structure set aside as salt or solvent that is itself a listed drug,
    Category 1, 2A or 2B substance or designer precursor (_is_fragment_listing) added as a substance the item also
    declares. Standardisation keeps the largest organic fragment, so a listed substance drawn beside a larger one
    ("C=CCc1ccc2c(c1)OCO2.CCCCCCCCCCCCCCCCCCCC", safrole beside eicosane; a systematic name OPSIN parsed as two
    components) had been set aside unscreened (review27). Every distinct fragment is read, however many the drawing
    has (a SMILES string's length bounds them; review27b: eight decoys had hidden safrole from a first version), and
    the fragments without carbon are read together too, so that an inorganic salt split into its ions is found
    ("[K+].[O-][Mn](=O)(=O)=O.CCO": potassium permanganate beside ethanol; "[P].CCO": red phosphorus). The screened
    substance stays the largest fragment; the listed one is screened too, as a mixture's substances are, and the most
    controlled decides the severity. ``resolution`` itself when no such fragment is set aside."""
    std = resolution.std
    if std is None or not std.stripped:
        return resolution
    fragments = list(dict.fromkeys(std.stripped))
    inorganic = [f for f in fragments if "C" not in f and "c" not in f]
    if len(inorganic) > 1:
        fragments.append(".".join(inorganic))  # the ions of one salt, read together
    seen = {std.key, *(other.std.key for other in resolution.also_declared)}
    added = []
    for fragment in fragments:
        fragment_std, _ = standardise_in_cache(cache, fragment)
        if fragment_std is None or fragment_std.key in seen:
            continue
        if not any(_is_fragment_listing(entry) for entry in watchlist.by_key.get(fragment_std.key, ())):
            continue
        seen.add(fragment_std.key)
        name = name_structure(watchlist, fragment_std)
        added.append(
            DeclaredSubstance(
                f"fragment {fragment}", fragment_std, name, DECLARED_STRUCTURE, "declared structure's fragments"
            )
        )
    if not added:
        return resolution
    note = (
        f"the declared structure's fragments set aside as salt or solvent include {len(added)} listed substance(s), "
        "screened as also declared"
    )
    return replace(
        resolution,
        also_declared=(*resolution.also_declared, *added),
        source_notes=[*resolution.source_notes, note],
    )


def _name_candidate(cache: StructureCache, record: LexiconRecord, declared: str) -> Candidate:
    """The candidate of a declared name (or a piece of one) that the lexicon knows."""
    return ("name", _record_std(record, cache), record.name, declared, record.source)


def _bracketed_synonym_candidates(
    watchlist: Watchlist, cache: StructureCache, name: str, found: Standardised | None
) -> list[Candidate]:
    """The listed substances that a name's bracketed synonyms and the text before them name, when they
    are not the structure the whole name was found as (``found``): one per structure, of the first
    MAX_SYNONYM_PIECES pieces (split_bracketed_synonyms)."""
    seen = {found.key} if found is not None else set()
    out: list[Candidate] = []
    for piece in split_bracketed_synonyms(name)[:MAX_SYNONYM_PIECES]:
        record, _ = lookup_name_record(watchlist, cache, piece)
        if record is None or not _is_watchlist_record(record):
            continue
        candidate = _name_candidate(cache, record, piece.strip())
        std = candidate[1]
        if std is not None and std.key not in seen:
            seen.add(std.key)
            out.append(candidate)
    return out


def describe_shared_name(watchlist: Watchlist, declared: str, record: LexiconRecord) -> str:
    """Why an item declared by a name of several stereoisomers is screened without stereochemistry."""
    entries = [watchlist.by_id[i] for i in record.covers if i in watchlist.by_id]
    listed = "; ".join(f"{c.entry.name} ({c.id})" for c in entries)
    return (
        f"the name '{quote_declared(declared)}' is a watchlist name of {len(entries)} entries that differ only in their "
        f"stereochemistry: {listed}; it does not say which stereoisomer, so the item is screened as "
        f"{record.name} without stereochemistry and matched to each"
    )


def _is_watchlist_record(record: LexiconRecord) -> bool:
    """Whether a lexicon record is the watchlist's own (an entry's, or a name of several of its entries'),
    not the common-chemicals dictionary's or a national narcotics list's."""
    return record.watchlist_id is not None or bool(record.covers)


def _names_scheduled(watchlist: Watchlist, std: Standardised | None) -> bool:
    """Whether a structure is a scheduled precursor's (an entry of tier ``scheduled`` has it)."""
    return std is not None and any(c.entry.tier == "scheduled" for c in watchlist.by_key.get(std.key, ()))


def _is_scheduled(watchlist: Watchlist, record: LexiconRecord) -> bool:
    """Whether a lexicon record is a name of a scheduled precursor's entry (tier ``scheduled``)."""
    entry = watchlist.by_id.get(record.watchlist_id) if record.watchlist_id is not None else None
    return entry is not None and entry.entry.tier == "scheduled"


def _is_listed(watchlist: Watchlist, std: Standardised | None) -> bool:
    return std is not None and std.key in watchlist.by_key


def _keys_of(candidates: list[Candidate]) -> frozenset[str]:
    """The structures (as screened) that the identifiers resolved so far name."""
    return frozenset(c[1].key for c in candidates if c[1] is not None)


def _database_candidate(
    cache: StructureCache,
    kind: str,
    declared: str,
    answer: DatabaseAnswer,
    ambiguous: list[str],
    concern: Concern | None = None,
    declared_keys: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """The candidate a database answer gives, or none (and a note) when its best-ranked records are
    different substances. Records are compared as screened, without salts and stereo:
    "desoxyephedrine" is on the records of methamphetamine and of its hydrochloride, which are one
    substance here. Records under a spelling that differs only in primes (DatabaseAnswer.respelt)
    that are another substance make the name ambiguous too, and say so, but the best-ranked record
    is still screened: left unresolved, the name would go to OPSIN, which reads it literally
    ("4-methylvalerophenone" as the chain isomer), so a trader who dropped the prime of
    4'-methylvalerophenone, a cathinone pre-precursor, would go unflagged and the note unseen.

    When the records bear the name as their own and one of the readings is a structure the watchlist
    cares about (``concern`` above 0), the reading of most concern is screened instead, whatever its rank: "3-chloropropiophenone" names
    both 3'-chloropropiophenone (a cathinone pre-precursor) and its chain isomer, and a name that may
    mean a watched substance is what customs must check, not a reason to screen nothing. Only readings
    whose record's own name is the declared spelling but for primes and case count so (compute_worded_key:
    "m-ethylphenyl acetate" shares its name key with methyl phenylacetate, a Category 2B ester, but is
    another name), and never one found only under a synonym.

    Before either: when another identifier of the item (``declared_keys``: its SMILES, InChI or CAS
    number) names one of the readings, that reading is screened ("3-chloropropiophenone" declared with
    CAS 936-59-4 is the chain isomer the number names, not a contradiction of it)."""
    parsed = parse_database_records(cache, answer.records)
    if not parsed:
        return []
    respelt = parse_database_records(cache, answer.respelt)
    best = {std.key for _, std in parsed}
    substances = best | {std.key for _, std in respelt}
    chosen = parsed[0]
    if len(substances) > 1:
        named = "; ".join(f"{r.name} (CAS {r.cas}, {r.source})" for r, _ in parsed[:4])
        if respelt:
            named += "; and, under a spelling that differs only in its primes, " + "; ".join(
                f"{r.name} (CAS {r.cas}, {r.source})" for r, _ in respelt[:4]
            )
        # Only between records that each bear the declared name as their own (or IUPAC) name: such
        # names collide because primes and case are folded, and each reading is a fair one; a synonym
        # may be a database error ("4-(4-fluorophenyl)butyric acid" on an oxo acid's record).
        fair = answer.how in ("name", "IUPAC name")
        readings = parsed + respelt
        by_others = next((reading for reading in readings if reading[1].key in declared_keys), None)
        if fair and kind == "name":
            spellings = set(iter_worded_name_keys(declared))
            readings = [reading for reading in readings if compute_worded_key(reading[0].name) in spellings]
        watched = _reading_of_concern(readings, concern) if fair else None
        resolved = len(best) == 1 or watched is not None or by_others is not None
        if by_others is not None:
            chosen = by_others
            outcome = f"screened as {by_others[0].name}, the substance the item's other identifiers name"
        elif watched is not None and (len(best) > 1 or watched[1].key not in best):
            chosen = watched
            outcome = (
                f"screened as {watched[0].name}, the reading the watchlist is concerned with "
                "(check which substance was meant)"
            )
        elif len(best) > 1:
            outcome = "not resolved by it"
        else:
            outcome = f"screened as {parsed[0][0].name}, the {answer.how} that ranks first (primes are often dropped)"
        ambiguous.append(
            f"{IDENTIFIER_LABELS[kind]} {quote_declared(declared)} names {len(substances)} different substances in "
            f"{SOURCE_LABEL} (as {answer.how}): {named}; {outcome}"
        )
        if not resolved:
            return []
    record, std = chosen
    via = "" if answer.how in ("CAS", "name") else f", as {answer.how}"
    return [(kind, std, record.name, declared, f"{record.source}{via}")]


def _reading_of_concern(
    readings: list[tuple[DatabaseRecord, Standardised]], concern: Concern | None
) -> tuple[DatabaseRecord, Standardised] | None:
    """Of an ambiguous identifier's readings (in the database's rank order), the one the watchlist is
    most concerned with, the first-ranked on a tie; None when it is concerned with none of them."""
    if concern is None:
        return None
    best, best_concern = None, 0.0
    for reading in readings:
        level = concern(reading[1])
        if level > best_concern:
            best, best_concern = reading, level
    return best


def parse_database_records(
    cache: StructureCache, records: tuple[DatabaseRecord, ...]
) -> list[tuple[DatabaseRecord, Standardised]]:
    """The records whose structures standardise, each with its structure (as screening compares them:
    without salts and stereo)."""
    stds = [standardise_in_cache(cache, r.smiles)[0] for r in records]
    return [(record, std) for record, std in zip(records, stds, strict=True) if std is not None]


# What separates the substances of a mixture declared in one name field: a semicolon, a comma or slash
# before a space, a plus or ampersand, and the word "and" in the languages names_eu.csv covers and English.
# A separator's leading white space is read from the start of its run only (?<!\s), possessively: a match
# always starts there (the run's first space can take the rest of it), so the splits are the same, but the
# search had tried every start inside a run and scanned the rest of it from each (a name field of 1,000
# spaces: 44 ms in the split alone; nineteenth session, the eighteenth attack's leftovers).
_NAME_LIST_SPLIT_RE = re.compile(
    r"(?:(?<!\s)\s++)?;\s*|,\s+|(?<!\s)\s++(?:/|[+&]|and|und|et|en|e|y|i|oraz)\s+", re.IGNORECASE
)
# The separators only a mixture's parts stand between (no chemical name has them).
_MIXTURE_SPLIT_RE = re.compile(r"(?:(?<!\s)\s++)?;\s*|(?<!\s)\s++[/+&]\s+")


def _look_up_name_list(lookup: NameLookup, name: str) -> tuple[list[Candidate], list[str], Remarks]:
    """(The substances of a name field that lists several, its parts that name nothing, what looking the
    parts up said). At most MAX_ALSO_DECLARED + 1 parts, each looked up as a whole name is (_look_up_name,
    source comparison and ambiguities included). Split at any separator, the list is kept only when every
    part names a substance: a part that names nothing means the separator was part of one name
    ("Benzeneacetic acid, ethyl ester", "Piperidine, 1-methyl-"). Split at a mixture's separators only
    (";", " / ", " + ", " & "), a part that names a listed substance is kept beside parts that name nothing
    ("Ephedrine HCl 10% + caffeine anhydrous 90% premix"): those are returned for the notes. So too, last, at
    the commas of a composition whose every part states its share ("safrole 80 %, other terpenes 20 %";
    identifiers.split_composition). What the look-ups said is returned only for the split kept."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return [], [], Remarks()
    # "Mixture of toluene and IPA", "MIXTURE 90% TOLUENE - 10% IPA": the opening word for "mixture" set aside, its
    # constituents read as the list
    name = strip_mixture_opening(name) or name
    splits = [
        ([part for part in splitter.split(name) if part and part.strip()], every_part)
        for splitter, every_part in ((_NAME_LIST_SPLIT_RE, True), (_MIXTURE_SPLIT_RE, False))
    ]
    # A composition, each part stating its share ("safrole 80 %, other terpenes 20 %"): its commas separate a
    # mixture's parts as a mixture's separators do (split_composition).
    splits.append((split_composition(name) or [], False))
    for parts, every_part in splits:
        if not 2 <= len(parts) <= MAX_ALSO_DECLARED + 1:
            continue
        listed: list[Candidate] = []
        unread: list[str] = []
        said = Remarks()
        for part in parts:
            # a part stating a share below the trace level names no substance of the goods ("Vanillin and heliotropin
            # mixture, heliotropin 0.5 %" was piperonal, `high`; the constituents of a description are read so too:
            # identifiers.split_constituents)
            _, named = (None, None) if states_share_below_trace(part) else _look_up_name(lookup, part, said)
            if named is not None:
                listed.append(named)
            else:
                unread.append(part.strip())
        if not unread:
            return listed, [], said
        if not every_part and any(_is_listed(lookup.watchlist, c[1]) for c in listed):
            return listed, unread, said
    return [], [], Remarks()


@dataclass(frozen=True, slots=True)
class NameLookup:
    """What every look-up of one item's names reads with (_look_up_name and the readings built on it:
    the whole name field, its abbreviation and full name, a protected amine's base name, each part of a
    list): the same for each, so passed as one rather than five parameters that must travel together.
    What a look-up says (Remarks) is not part of it: each reading decides whether to keep what it said.

    Not NameReaders, nor built from it: the two live differently. NameReaders holds only long-lived
    objects (one per screener) and what the last-resort readings need (OPSIN, its memo of which names
    look systematic); this holds what belongs to one item, the other identifiers' structures and the
    concern the caller asks about this item's ambiguous readings (pipeline/screening.py
    Screener._resolve_declared notes the analyses it cut short for the item)."""

    watchlist: Watchlist
    cache: StructureCache
    database: IdentifierDatabase | None = None  # the identifier database, when it is used
    # How much the watchlist cares about a structure: decides which reading of a name the database gives
    # to several substances is screened (_database_candidate); None: the first-ranked.
    concern: Concern | None = None
    # The structures the item's other identifiers (SMILES, InChI, CAS number) name: a reading of an
    # ambiguous name that is one of them is screened (_database_candidate).
    declared_keys: frozenset[str] = frozenset()


@dataclass(slots=True)
class Remarks:
    """What looking an identifier up says beside the substance it finds (a Resolution's source_notes,
    conflicts and ambiguous): kept apart while it is not known whether the look-up will be used."""

    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


def _look_up_name(lookup: NameLookup, name: str, said: Remarks) -> tuple[LexiconRecord | None, Candidate | None]:
    """(The lexicon record, the candidate) of a declared name, or of a part of a name field listing
    several, looked up by trust: the lexicon (the watchlist, its names in the EU's languages, the
    common-chemicals dictionary; a name of several stereoisomers said to be so), whose answer the
    identifier database is then asked about (_compare_sources); else the identifier database
    (_lookup_database_name). (None, None) when neither knows the name."""
    watchlist, cache, database = lookup.watchlist, lookup.cache, lookup.database
    record, key = lookup_name_record(watchlist, cache, name)
    if record is None:
        found, key = _lookup_database_name(lookup, name, said.ambiguous)
        if found:
            _note_isotope_labels(name, key, said)
        return None, (found[0] if found else None)
    _note_isotope_labels(name, key, said)
    if record.covers:
        said.ambiguous.append(describe_shared_name(watchlist, name, record))
    if record.watchlist_id is not None and (shared := load_shared_abbreviation_meanings().get(key)):
        # "MDEA" alone, in a drum of gas-treating amine: screened as the listed substance, as a sender of the drug would
        # write it, but the investigator is told what else a source gives the letters to
        said.ambiguous.append(
            f"the abbreviation '{shared[0]}' also stands for {' and '.join(shared[1])} "
            "(chemistry/data/abbreviations_shared.csv, with its source): the words, CN code and quantity declared "
            "beside it tell which"
        )
    if (reading := find_misreading_behind(name, key)) is not None:
        said.notes.append(
            f"the name '{quote_declared(name)}' was read as '{quote_declared(reading)}': letters of another "
            "script drawn like Latin ones, or digits typed or scanned for letters, were read as the letters "
            "they stand for"
        )
    if database is not None:
        answer = database.lookup_name_key(key, find_primed_key(name, key))
        _compare_sources(
            watchlist, cache, f"the name '{quote_declared(name)}'", record, answer, said.notes, said.conflicts
        )
    return record, _name_candidate(cache, record, name)


def _note_isotope_labels(name: str, key: str, said: Remarks) -> None:
    """Say that the isotope labels a name declares were set aside (find_isotope_labels), when the key that
    found the substance left them out: the substance is screened unlabelled, as a structure's isotopes are.
    Nothing when the key has them: the name was found as written ("Vitamin-D3" is cholecalciferol)."""
    if labels := [label for label in find_isotope_labels(name) if normalise_name(label) not in key]:
        said.notes.append(
            f"the name '{quote_declared(name)}' declares the isotope label {', '.join(labels)}: set aside, a "
            "labelled isotopologue is screened as the substance it labels"
        )


def read_full_name_beside_abbreviation(lookup: NameLookup, name: str, said: Remarks) -> list[Candidate]:
    """The candidate of the full name of a name given as an abbreviation and a full name in brackets (or
    the reverse: find_abbreviation_and_full_name), when the two name different substances and the
    abbreviation can stand for the full name (abbreviation_fits): "4-AP (4-aminopyridine) 98%" is
    4-aminopyridine, which is also abbreviated 4-AP, not 4-anilinopiperidine, the Category 1 substance
    the watchlist knows as 4-AP. An abbreviation stands for many substances and a full name for one, so
    the full name decides, and the item says so among its ambiguities (the abbreviation's other substance
    named) — but where either is listed, only for a pair a source records (abbreviations_shared.csv: 4-AP
    for 4-aminopyridine, with its source). Letters that fit are no evidence: a sender could write "BMK
    (butyl methyl ketone)" for P-2-P, and 60 of the 66 abbreviations of Category 1, designer-precursor
    and drug entries fit some name of the identifier database (the seventeenth session's review and
    attack). For any other pair both are returned, the more controlled first: it is screened, and
    resolve_item reports the two as naming different substances (IDENTIFIER_CONFLICT). Empty otherwise,
    and the name is read as before: the two name the same substance ("4-AP (4-anilinopiperidine)"); either
    names nothing; or the abbreviation cannot stand for the full name ("BMK (methyl benzoate)"), a
    contradiction, for which the most controlled substance named is screened and the conflict reported
    (resolve_item, _bracketed_synonym_candidates)."""
    watchlist = lookup.watchlist
    pair = find_abbreviation_and_full_name(name)
    if pair is None or not abbreviation_fits(*pair) or normalise_name(name) in watchlist.by_name:
        return []  # (a name the lexicon has as written is read as written)
    abbreviation, full_name = pair
    _, by_abbreviation = _look_up_name(lookup, abbreviation, Remarks())
    full_said = Remarks()
    _, by_full = _look_up_name(lookup, full_name, full_said)
    if by_abbreviation is None or by_full is None or by_abbreviation[1] is None or by_full[1] is None:
        return []
    if by_abbreviation[1].key == by_full[1].key:
        return []
    if contradicts_unless_sourced(watchlist, abbreviation, by_abbreviation, by_full):
        # Only an abbreviation a source records for the full name's substance too: that its letters fit the
        # full name is no evidence, and "BMK (butyl methyl ketone)", "PMK (phenyl methyl ketone)" or "NPP
        # (N-propylpiperidine)" hid the Category 1 substance (seventeenth session's attack and review). The
        # two then contradict each other: the more controlled one is screened, the conflict reported.
        return sorted([by_abbreviation, by_full], key=lambda candidate: rank_listing(watchlist, candidate[1]))
    return [full_name_decides(watchlist, name, abbreviation, full_name, by_abbreviation, by_full, full_said, said)]


def full_name_decides(
    watchlist: Watchlist,
    name: str,
    abbreviation: str,
    full_name: str,
    by_abbreviation: Candidate | None,
    by_full: Candidate,
    full_said: Remarks,
    said: Remarks,
) -> Candidate:
    """The full name's candidate for the whole name field, with what its look-up said and, when the
    abbreviation names another substance (``by_abbreviation``), that ambiguity said among the item's."""
    said.notes.extend(full_said.notes)
    said.conflicts.extend(full_said.conflicts)
    said.ambiguous.extend(full_said.ambiguous)
    if by_abbreviation is not None:
        said.ambiguous.append(
            f"the name '{quote_declared(name)}' gives the abbreviation '{quote_declared(abbreviation)}', which "
            f"stands for {_describe(watchlist, by_abbreviation)} among others, and the full name "
            f"'{quote_declared(full_name)}' ({by_full[2] or name_structure(watchlist, by_full[1]) or 'no name known'}): "
            "different substances; the full name decides, and the item is screened as it"
        )
    return ("name", by_full[1], by_full[2], name, by_full[4])


# Abbreviations that a source records for a substance other than the listed one the watchlist knows by
# them (4-AP: 4-aminopyridine as well as 4-anilinopiperidine), one row each with its source.
SHARED_ABBREVIATIONS_CSV = DATA_DIR / "abbreviations_shared.csv"


@cache
def load_shared_abbreviations() -> frozenset[tuple[str, str]]:
    """(The abbreviation's name key, the structure key of the other substance it stands for) of each row of
    abbreviations_shared.csv: the pairs for which a full name beside the abbreviation decides
    (read_full_name_beside_abbreviation)."""
    pairs = set()
    with SHARED_ABBREVIATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            std, _ = standardise_smiles(row["smiles"])
            if std is not None:
                pairs.add((normalise_name(row["abbreviation"]), std.key))
    return frozenset(pairs)


def _shared_abbreviation_decided_by_number(name: str, by_number: list[Candidate]) -> str | None:
    """What to say when a name field holding only an abbreviation several substances share (abbreviations_shared.csv)
    sits beside a CAS number of the one a source records the letters for besides the listed one ("MDEA" with
    105-59-9, N-methyldiethanolamine; review38): the number decides, and the name is not screened. None otherwise."""
    key = normalise_name(name)
    shared = load_shared_abbreviations()
    for _, std, full_name, number, _ in by_number:
        if std is not None and (key, std.key) in shared:
            return (
                f"the name '{quote_declared(name)}' is an abbreviation a source records for {full_name or 'the substance'} "
                f"too (chemistry/data/abbreviations_shared.csv), whose CAS number {number} is declared: the number "
                "decides, and the letters are not screened as the listed substance"
            )
    return None


@cache
def load_shared_abbreviation_meanings() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The abbreviation's name key -> (the abbreviation as the file writes it, the full names of the other substances a
    source records it for) of abbreviations_shared.csv: said beside a listed substance found by the abbreviation."""
    meanings: dict[str, tuple[str, list[str]]] = {}
    with SHARED_ABBREVIATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            meanings.setdefault(normalise_name(row["abbreviation"]), (row["abbreviation"], []))[1].append(row["full_name"])
    return {key: (written, tuple(names)) for key, (written, names) in meanings.items()}


def contradicts_unless_sourced(
    watchlist: Watchlist, abbreviation: str, by_abbreviation: Candidate, by_full: Candidate
) -> bool:
    """Whether an abbreviation and a full name that name different substances contradict each other:
    when either substance is listed and no source records the abbreviation for the full name's substance
    (abbreviations_shared.csv). Letters that fit are no evidence ("BMK (butyl methyl ketone)")."""
    unlisted = (len(TIER_PRIORITY), 0)
    listed = min(rank_listing(watchlist, by_abbreviation[1]), rank_listing(watchlist, by_full[1])) < unlisted
    return listed and (normalise_name(abbreviation), by_full[1].key) not in load_shared_abbreviations()


def read_full_name_after_abbreviation(lookup: NameLookup, name: str, said: Remarks) -> list[Candidate]:
    """The candidate of the full name of a name given as an abbreviation in capitals and a full name
    without brackets ("DMT: N,N-DIMETHYLTRYPTAMINE" as the Greek law prints it, "MAPA methyl
    alpha-phenylacetoacetate": find_abbreviation_before_full_name), when the whole name names nothing as
    written, whether or not the letters fit the full name (abbreviation_fits: "4-CMC clephedrone" is a listing's
    two names; "CP ephedrine" a grade before the name). Nothing else reads the two apart, so the full name is
    read when the abbreviation names the same substance or nothing.
    When the two name different substances the rule of read_full_name_beside_abbreviation holds
    (contradicts_unless_sourced: where either is listed, only a sourced pair lets the full name decide;
    otherwise both are returned, the more controlled first, and resolve_item reports the conflict); else
    the full name decides, said among the ambiguities. Empty when the name is not so written or the full name
    names nothing."""
    watchlist = lookup.watchlist
    pair = find_abbreviation_before_full_name(name)
    if pair is None:
        return []
    if _look_up_name(lookup, name, Remarks())[1] is not None:
        return []  # a name a source has as written is read as written
    abbreviation, full_name = pair
    if is_only_salt_words(full_name):
        return []  # the letters' salt form, not a full name ("1P-LSD tartrate", "4-HO-MET fumarate": review42 F4)
    full_said = Remarks()
    _, by_full = _look_up_name(lookup, full_name, full_said)
    if by_full is None or by_full[1] is None or is_drug_product_source(by_full[4]):
        return []  # (a drug's plant product after capitals is a brand's name: "YSL Opium", a perfume)
    _, by_abbreviation = _look_up_name(lookup, abbreviation, Remarks())
    differs = (
        by_abbreviation is not None and by_abbreviation[1] is not None and by_abbreviation[1].key != by_full[1].key
    )
    # Letters that do not fit the full name are read as those that do (review26b): the abbreviation names the same
    # substance ("EAPA ethyl 3-oxo-2-phenylbutanoate", "4-CMC clephedrone": a listing's two names), another one
    # (both are reported, the more controlled first, with the conflict: "IPA safrole", "BMK methyl benzoate"), or
    # nothing (a code or grade before the name: "CP ephedrine", "NEW BMK oil"). Left unread, any short word in
    # capitals before a listed name hid it.
    if differs and contradicts_unless_sourced(watchlist, abbreviation, by_abbreviation, by_full):
        return sorted([by_abbreviation, by_full], key=lambda candidate: rank_listing(watchlist, candidate[1]))
    other = by_abbreviation if differs else None
    return [full_name_decides(watchlist, name, abbreviation, full_name, other, by_full, full_said, said)]


def read_protected_name(lookup: NameLookup, name: str, said: Remarks) -> Candidate | None:
    """The candidate of a protected amine named by a protecting group's shorthand and a known name
    ("N-t-BOC-MDMA": Boc on MDMA; chemistry/protected_names.py), its structure built from the base name's
    (looked up as a declared name is, _look_up_name) with the group on the base's only amine N-H. The
    source says how the name was read. None when the name has no such prefix, its base names nothing, or
    the group has no single place to go (then said so in the notes when the base has several)."""
    split = split_protected_name(name)
    if split is None:
        return None
    base_said = Remarks()
    _, base = _look_up_name(lookup, split.base, base_said)
    if base is None or base[1] is None:
        return None
    if split.locant == "O" and not lookup.watchlist.by_key.get(base[1].key):
        return None  # an ester of any other alcohol is left to OPSIN, which reads its stereodescriptors (review42 F10)
    base_name = base[2] or name_structure(lookup.watchlist, base[1]) or split.base
    smiles, reason = build_protected_structure(base[1].mol, split.group, split.locant)
    if smiles is None:
        if "does not say which" in reason:
            said.notes.append(
                f"the name '{quote_declared(name)}' reads as {split.group.name} on {base_name}, but {reason}: "
                "it was not read so"
            )
        return None
    std, _ = standardise_in_cache(lookup.cache, smiles)
    if std is None:
        return None
    said.notes.extend(base_said.notes)
    said.conflicts.extend(base_said.conflicts)
    said.ambiguous.extend(base_said.ambiguous)
    how = describe_protected_reading(quote_declared(name), split.group, base_name, split.locant)
    return ("name", std, None, name, f"{base[4]} ({how})")


def _lookup_database_name(lookup: NameLookup, name: str, ambiguous: list[str]) -> tuple[list[Candidate], str]:
    """A name unknown to the watchlist and the dictionary, in the database: the keys of each reading of
    NAME_KEY_READINGS in order (each with the primes it was declared with); a reading of a salt of a base
    only when what it finds is a base. (The candidates, the key that found them), ([], "") when none does or
    without a database."""
    database, cache = lookup.database, lookup.cache
    if database is None:
        return [], ""
    salt_word_keys: frozenset[str] | None = None  # read when a synonym answers (find_salt_word_keys)
    presentation_keys: frozenset[str] | None = None  # read when a synonym answers (find_presentation_keys)
    for reading in NAME_KEY_READINGS:
        for primed in reading.keys(name, compute_primed_key):
            key = fold_primes(primed)
            answer = database.lookup_name_key(key, primed)
            if answer is None or all(is_substituent_radical(record) for record in answer.records):
                continue
            if answer.primes_unmatched and (primes_a_chain_locant(name) or primes_a_chain_locant(primed)):
                # The name's primes match no record's spelling, and a locant it primes may also be its chain's: the
                # record may be another isomer ("2-bromo-2'-methylpropiophenone" found "2-bromo-2-methylpropiophenone",
                # alpha-bromoisobutyrophenone: the sixty-first held-out set's pph61007). Left to OPSIN, which reads
                # the primes. The key that found it is asked too: the name may go on with a purity or a pack, or
                # spell its prime with a typographic apostrophe (review37).
                continue
            if answer.how == "synonym":
                if presentation_keys is None:
                    presentation_keys = find_presentation_keys(name)
                if key in presentation_keys:
                    # Words that only say how goods are presented ("Liquid", "Tablet premix", "Green"): PubChem
                    # gives some to one substance as a trade or street name (methyl parathion, chlormequat
                    # chloride, ketamine), which the declaration does not name.
                    continue
                if salt_word_keys is None:
                    salt_word_keys = find_salt_word_keys(name)
                if key in salt_word_keys and names_another_substance(lookup, key, answer):
                    # A base's name left once a salt word is set aside, known to the database only as one of
                    # PubChem's synonyms, which hold trade names of products, while spelt with another final
                    # vowel it is another substance's own name ("tropinium-klorid" -> "tropin", a trade name of
                    # methylatropine bromide, and "tropine"): the salt's base is not that product.
                    continue
            if not reading.of_a_base:
                found = _database_candidate(
                    cache, "name", name, answer, ambiguous, lookup.concern, lookup.declared_keys
                )
                return found, key
            found = _database_candidate(cache, "name", name, answer, [])
            if found and found[0][1] is not None and _has_nitrogen(found[0][1]):
                return found, key
    return [], ""


# The endings an INN is spelt with in the Union's languages (English and French "-ine", German and the Nordic
# languages' "-in", Spanish and Italian "-ina", "-ato" for "-ate", Latin "-um"): a base's name left by a salt word is
# read with each in place of its own final vowels (names_another_substance). Written from knowledge of the INN lists.
INN_FINAL_VOWELS = ("", "e", "a", "o", "um")
_FINAL_VOWELS_RE = re.compile(r"[aeiou]+$")


def names_another_substance(lookup: NameLookup, key: str, answer: DatabaseAnswer) -> bool:
    """Whether ``key``, which the identifier database gives its substance(s) only as a synonym, is, with another
    final vowel (INN_FINAL_VOWELS), another substance's own name there: "tropin", left of the Hungarian
    "tropinium-klorid", is a synonym of methylatropine bromide (a trade name, Mintussin) and, as "tropine",
    tropine's own name. Such a synonym is not what a declared salt's base was meant as."""
    database, cache = lookup.database, lookup.cache
    if database is None:
        return False
    ours = {std.key for _, std in parse_database_records(cache, answer.records)}
    stem = _FINAL_VOWELS_RE.sub("", key)
    for ending in INN_FINAL_VOWELS:
        respelt = stem + ending
        if respelt == key or (found := database.lookup_name_key(respelt)) is None or found.how == "synonym":
            continue
        theirs = parse_database_records(cache, found.records)
        if theirs and all(std.key not in ours for _, std in theirs):
            return True
    return False


_RADICAL_WORD_RE = re.compile(r"\bradicals?\b", re.IGNORECASE)


def is_substituent_radical(record: DatabaseRecord) -> bool:
    """Whether a database record is a substituent as a free radical, not goods: PubChem files substituent
    names under such records ("phenylamino" and "anilino" are synonyms of the "anilino radical",
    C1=CC=C(C=C1)[NH]), so a bracketed substituent read alone would name it. Both marks are required,
    the word "radical" in the record's name and a radical centre in its structure: stable radicals sold as
    such (TEMPO, nitric oxide) are goods, and their names do not call them radicals."""
    if not _RADICAL_WORD_RE.search(record.name):
        return False
    mol = Chem.MolFromSmiles(record.smiles)
    return mol is not None and any(atom.GetNumRadicalElectrons() for atom in mol.GetAtoms())


def _compare_sources(
    watchlist: Watchlist,
    cache: StructureCache,
    what: str,
    record: LexiconRecord,
    answer: DatabaseAnswer | None,
    notes: list[str],
    conflicts: list[str],
) -> None:
    """Report where the database gives an identifier a more trusted source resolved to another substance."""
    if answer is None:
        return
    ours = _record_std(record, cache)
    theirs = []
    # The same name on both sides is one substance drawn two ways (glucose as a ring and open-chain);
    # a record under a spelling that differs only in its primes is another name, said to be so.
    others = [(r, answer.how) for r in answer.records if normalise_name(r.name) != normalise_name(record.name)]
    respelt = "as a spelling that differs only in its primes"
    others += [(r, respelt) for r in answer.respelt if compute_primed_key(r.name) != compute_primed_key(record.name)]
    for other, how in others:
        std, _ = standardise_in_cache(cache, other.smiles)
        if std is not None and ours is not None and std.key != ours.key:
            theirs.append((other, how, std))
    for other, how, std in theirs[:3]:
        notes.append(
            f"{what}: {record.source} gives {record.name}, {other.source} gives {other.name} "
            f"({how if how == respelt else f'as {how}'}; CAS {other.cas}); {record.source} decides"
        )
        if how in ("CAS", "name", "IUPAC name") and _is_listed(watchlist, std) and not _is_listed(watchlist, ours):
            conflicts.append(
                f"{what} is {record.name} in the {record.source} but {other.name} (a listed substance) in "
                f"{other.source}"
            )


def _has_nitrogen(std: Standardised) -> bool:
    return any(atom.GetAtomicNum() == 7 for atom in std.mol.GetAtoms())


def read_inchi_as_lexicon_draws(
    watchlist: Watchlist, cache: StructureCache, inchi: str, std: Standardised
) -> Standardised:
    """The structure of a declared InChI (``std``, as RDKit builds it) as the lexicon (the watchlist or
    the common-chemicals dictionary) draws the same substance, when the InChIKey's first block (the
    skeleton with its mobile hydrogens, without stereo) is one the lexicon has: the whole InChI's key, or
    for a salt or hydrate the parent's (_listed_parent_tautomer). ``std`` itself otherwise.

    chemistry/matching.py align_listed_tautomer reads every analysed structure as the listed tautomer,
    but this is not redundant with it (sixteenth session: with it removed, or with its salt branch
    removed, `python -m devtools.declared_forms` and `precwatch identify` on InChI differ). What only
    this does:
    - an inorganic salt: InChI disconnects metals, and RDKit builds "InChI=1S/K.Mn.4O/q+1;;;;;-1" back
      as [K+].[Mn].[O-].[O]..., which only the key ties to potassium permanganate (the alignment reads
      organic structures alone);
    - a common chemical of the dictionary (acetoacetanilide, paracetamol, urea): the alignment knows
      watchlist entries only, and rules written for the amide (anilide_hydrolysis, amide_hydrolysis)
      do not fire on the imidic acid RDKit builds;
    - the resolution's own structure names the substance in flags and signals, is compared with the
      item's other identifiers and decides known_chemical: ergometrine maleate as InChI, aligned at
      analysis only, would be named "a stereoisomer of Ergometrine" from its imidic acid's stereo SMILES.
    The whole-InChI branch takes the lexicon's drawing whole, stereo included: a mirror image of a listed
    amide given as InChI is read as the listed stereoisomer (the salt branch and the alignment keep its
    stereo). Kept as it is: changing it changes outputs (see the sixteenth session's report)."""
    listed = watchlist.by_inchikey_skeleton.get(skeleton_of_inchi(inchi))
    if listed is not None and listed.key != std.key:
        return _record_std(listed, cache) or std
    if listed is None and std.stripped:
        return _listed_parent_tautomer(watchlist, cache, std)
    return std


def _listed_parent_tautomer(watchlist: Watchlist, cache: StructureCache, std: Standardised) -> Standardised:
    """A salt or hydrate given as InChI ("InChI=1S/C19H23N3O2.C4H4O4/...", ergometrine maleate) whose
    parent RDKit builds as another tautomer than the listed one (the imidic acid N=C(O) for the amide):
    the whole InChI's key is the salt's, so the parent is keyed on its own. It is the listed substance
    when the parent's standard InChIKey -- tautomer-insensitive where the standard InChI is, with its
    stereo layer -- is the listed structure's; the salt fragments stay reported as stripped."""
    parent_key = compute_inchikey(std.mol)
    listed = watchlist.by_inchikey_skeleton.get(parent_key[:14]) if parent_key else None
    if listed is None or listed.key == std.key:
        return std
    listed_std = _record_std(listed, cache)
    if listed_std is None or compute_inchikey(listed_std.mol) != parent_key:
        return std  # another stereoisomer (or protonation) of the listed skeleton: keep what was declared
    return replace(listed_std, stripped=std.stripped, notes=std.notes)


def skeleton_of_inchi(inchi: str) -> str:
    """The first block of the InChI's standard InChIKey ("" when it has none)."""
    try:
        return (Chem.InchiToInchiKey(inchi.strip()) or "")[:14]
    except Exception:  # RDKit raises on InChI it cannot key
        return ""


def lookup_name(watchlist: Watchlist, cache: StructureCache, name: str) -> LexiconRecord | None:
    """The lexicon record a declared name stands for (see compute_name_keys), or None."""
    return lookup_name_record(watchlist, cache, name)[0]


# Words before a substance's name saying it is absent ("free of safrole", "sans safrole"), as says_absent reads
# them; after it, "free" or "frei" ("safrole free", "safrole-free", "safrolfrei").
_ABSENT_BEFORE = r"(?:free\s+(?:of|from)|without|not\s+containing|ohne|sans|sin|senza|zonder|bez)\s+"


@cache
def _substance_absent_re(names: tuple[str, ...]) -> re.Pattern[str]:
    spelt = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{spelt})[\s-]*(?:free|frei)\b|{_ABSENT_BEFORE}(?:{spelt})(?!\w)")


def says_substance_absent(watchlist: Watchlist, substance: str, text: str) -> bool:
    """Whether ``text`` says that the watchlist entry named ``substance`` is absent: one of the entry's names
    with "free" after it ("safrole-free", "safrole free") or "free of", "without", "sans" ... before it. For a
    natural product controlled for that substance ("sassafras oil (safrole free)"): an absence of anything
    else ("sassafras oil, duty-free", "BSE-free") says nothing about the substance, and the oil is still read."""
    entry = next((c.entry for c in watchlist.entries if c.entry.name == substance), None)
    if entry is None:
        return False
    names = tuple(sorted({fold_accents(n).lower() for n in (entry.name, *entry.synonyms) if n}))
    return _substance_absent_re(names).search(fold_accents(text).lower()) is not None


def lookup_name_record(watchlist: Watchlist, cache: StructureCache, name: str) -> tuple[LexiconRecord | None, str]:
    """(The lexicon record a declared name stands for, the name key that found it) or (None, ""): the keys
    of each reading of NAME_KEY_READINGS in order, then the names on either side of an "or"
    (_lookup_alternative_names). A reading of a salt of a base gives the whole name's key."""
    written: list[str] = []  # the keys as written, which the German spelling reads again (not made twice)
    for reading in NAME_KEY_READINGS:
        for key in reading.keys(name, normalise_name):
            if reading is NAME_KEY_READINGS[0]:
                written.append(key)
            record = watchlist.by_name.get(key)
            if record is None:
                continue
            if record.natural_product and (
                says_substance_absent(watchlist, record.name, name) or natural_product_denied(record.natural_product, name)
            ):
                # "Sassafras oil (safrole-free)": the product is controlled for the substance it contains,
                # and the field says that substance is absent (the oil sold for flavour and perfume).
                continue
            if not reading.of_a_base:
                return record, key
            std = _record_std(record, cache)
            if std is not None and _has_nitrogen(std):
                return record, normalise_name(name)
    found = _lookup_alternative_names(watchlist, cache, name)
    if found[0] is None:
        found = lookup_watchlist_name_without_form_noun(watchlist, cache, name)
    return found if found[0] is not None else lookup_drug_name_in_german_spelling(watchlist, cache, name, written)


# The endings of an INN that German spells without the English final e: -ine, -one, -ate, -ide ("Methylphenidat",
# "Methadon", "Morphin"; German product information writes them so, and joins a salt word to them:
# "Methylphenidathydrochlorid", the twenty-first held-out set's pdh21005). The language's spelling, written from
# knowledge, as the umlaut rule (spell_without_umlauts) is.
_GERMAN_INN_ENDING_RE = re.compile(r"(?:in|on|at|id)$")


def lookup_drug_name_in_german_spelling(
    watchlist: Watchlist, cache: StructureCache, name: str, keys: Iterable[str] | None = None
) -> tuple[LexiconRecord | None, str]:
    """(The watchlist record, its key) of a controlled drug whose name is a key of ``name`` as written with the
    final e that German drops ("Methylphenidathydrochlorid 20 mg" -> "methylphenidat" -> "methylphenidate"), or
    (None, ""): the last of lookup_name_record's readings. Only a drug-tier entry's own name (an INN; a
    precursor's German names are names_eu.csv's rows), and only after an ending German writes so. ``keys``: the
    name's keys as written when the caller has them (iter_keys_as_written)."""
    for key in iter_keys_as_written(name) if keys is None else keys:
        if not _GERMAN_INN_ENDING_RE.search(key):
            continue
        record = watchlist.by_name.get(key + "e")
        std = _record_std(record, cache) if record is not None and _is_watchlist_record(record) else None
        if std is not None and any(c.entry.tier == "drug" for c in watchlist.by_key.get(std.key, [])):
            return record, key + "e"
    return None, ""


def lookup_watchlist_name_without_form_noun(
    watchlist: Watchlist, cache: StructureCache, name: str
) -> tuple[LexiconRecord | None, str]:
    """(The watchlist record, the key that found it) of a name that is one of the watchlist's own names
    once the physical-form nouns after its words are set aside ("BMK oil 99% min" -> "BMK 99% min":
    strip_form_nouns), else the nouns saying what it is made up as ("Safrole mixture"); (None, "") otherwise. The last of lookup_name_record's readings, and only the
    watchlist's names are accepted (not the common-chemicals dictionary's): a form noun may belong to
    the name ("mustard oil", "sassafras oil", which the identifier database gives to safrole). So too a name with the
    European Pharmacopoeia's reagent mark after it ("Toluene R": strip_reagent_mark), which a dye's shade letter
    looks like ("Rhodamine R")."""
    for written in dict.fromkeys((name, strip_trade_words(name))):  # the mark before a pack too ("Aceton R 2.5 L")
        if (without_mark := strip_reagent_mark(written)) is not None:
            record, key = lookup_name_record(watchlist, cache, without_mark)
            if record is not None and _is_watchlist_record(record):
                return record, key
    stripped = strip_form_nouns(name)
    if stripped == name:
        stripped = strip_composition_nouns(name)
        if stripped is None:
            return None, ""
    record, key = lookup_name_record(watchlist, cache, stripped)
    return (record, key) if record is not None and _is_watchlist_record(record) else (None, "")


def _lookup_alternative_names(
    watchlist: Watchlist, cache: StructureCache, name: str
) -> tuple[LexiconRecord | None, str]:
    """A name field that gives names as alternatives ("Ergometrina o Ergonovina", as lists print
    synonyms): the first one's (record, key) when every alternative names the same substance (as
    screened: salts and stereo aside); else (None, ""). Not one of them when the others name nothing or
    another substance: "Herbal tea free of caffeine or ephedrine" names ephedrine to say it is absent,
    and "Safrol o Isosafrol" does not say which of the two the goods are."""
    alternatives = split_alternative_names(fold_accents(name))
    if not alternatives:
        return None, ""
    # Read one at a time, and no further than the first that names nothing or another substance: that one
    # decides, and a name field of " or" 6,000 times had each of its alternatives looked up (340 ms an item on
    # 20,000 characters; the eighteenth session's attack's leftovers).
    first = None
    for alternative in alternatives:
        record, how = lookup_name_record(watchlist, cache, alternative)
        std = _record_std(record, cache) if record is not None else None
        if std is None or (first is not None and std.key != first[2].key):
            return None, ""
        first = first or (record, how, std)
    return first[0], first[1]


def name_structure(watchlist: Watchlist, std: Standardised) -> str | None:
    """The name the watchlist or the common-chemicals dictionary gives a structure, if any."""
    entries = [c for c in watchlist.by_key.get(std.key, []) if not c.cn_scope]
    if entries:
        same_stereo = [c for c in entries if c.std.iso_key == std.iso_key]
        return name_as_entry((same_stereo or entries)[0], std)
    return watchlist.common_keys.get(std.key)


def _describe(watchlist: Watchlist, candidate: Candidate) -> str:
    """'CAS 103-79-7 (1-Phenyl-2-propanone)': the identifier as declared, and the substance it names."""
    how, std, label, declared, _ = candidate
    name = label or (name_structure(watchlist, std) if std is not None else None)
    return f"{IDENTIFIER_LABELS[how]} {quote_declared(declared)} ({name or 'no name known'})"


def _record_std(record: LexiconRecord, cache: StructureCache) -> Standardised | None:
    std, _ = standardise_in_cache(cache, record.smiles)
    return std


def resolve_systematic_name(
    parser: OpsinParser, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of an item whose declared identifiers resolved nothing (``unresolved``), from the
    structure OPSIN parses its systematic name to; ``unresolved`` itself when OPSIN cannot parse the
    name or RDKit cannot read OPSIN's SMILES. Identifier problems found before are kept."""
    parsed = parser.parse_systematic_name(name)
    notes = unresolved.source_notes
    if parsed.smiles is None and not name.isascii() and (folded := fold_accents(name)) != name and folded.isascii():
        # French and other accented spellings of an English systematic name ("5-(prop-2-én-1-yl)-1,3-benzodioxole":
        # review35); OPSIN reads ASCII only
        parsed = parser.parse_systematic_name(folded)
        notes = [*notes, f"the name was read with its accents set aside, as '{quote_declared(folded)}'"]
    if parsed.smiles is None and (primed := prime_aryl_ketone_ring_locants(name)) is not None:
        # a ring locant written without its prime ("2-bromo-4-chloropropiophenone")
        parsed = parser.parse_systematic_name(primed)
        notes = [*notes, f"the name was read with the ring's locants primed, as '{quote_declared(primed)}'"]
    if parsed.smiles is None and (spelt_out := _LOCATED_PHENETHYL_RE.sub("2-phenylethyl", name)) != name:
        # "2-phenethyl" (the 2-phenylethyl group with its locant written twice), which OPSIN does not read
        parsed = parser.parse_systematic_name(spelt_out)
        notes = [*notes, f"the name was read with '2-phenethyl' as '2-phenylethyl', as '{quote_declared(spelt_out)}'"]
    if parsed.smiles is None:
        return unresolved
    std, _ = standardise_in_cache(cache, parsed.smiles)
    if std is None:
        return unresolved
    return replace(
        unresolved, resolved_by="name", std=std, name=None, source=systematic_name_source(parser), source_notes=notes
    )


# "2-phenethyl" only: "1-phenethyl" would be another group (1-phenylethyl), so it is left as written
_LOCATED_PHENETHYL_RE = re.compile(r"(?<![\w'])2-phenethyl", re.IGNORECASE)


def resolve_bracket_left_open(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a systematic name typed with one bracket left open (chemistry/misspellings.py
    close_a_bracket_left_open: "N-(1-(2-phenylethyl)-4-piperidinyl-N-phenylpropanamide"), when OPSIN parses the
    name with the bracket closed at exactly one structure, wherever it parses; ``unresolved`` itself when no
    closing parses or closings parse to different structures (a guess between them is not made)."""
    if readers.systematic_names is None or not readers.looks_systematic(name):
        return unresolved
    found_by_key: dict[str, tuple[str, Resolution]] = {}
    for spelling in close_a_bracket_left_open(name):
        found = resolve_systematic_name(readers.systematic_names, readers.cache, spelling, unresolved)
        if found.std is not None:
            found_by_key.setdefault(found.std.key, (spelling, found))
    if len(found_by_key) != 1:
        return unresolved
    [(spelling, found)] = found_by_key.values()
    how = f"the name '{quote_declared(name)}' was read with its open bracket closed, as '{quote_declared(spelling)}'"
    return with_reading_noted(found, how)


def resolve_systematic_name_parts(
    parser: OpsinParser,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    worth_parsing: Callable[[str], bool] = looks_systematic,
) -> Resolution:
    """The resolution of an item whose whole declared name neither a source nor OPSIN read (``unresolved``),
    from the first of its parts apart from a bracketed synonym (split_bracketed_synonyms: the text outside
    the brackets, then each bracketed group) that OPSIN parses: "Benzyl 4-(phenylamino)piperidine-1-
    carboxylate (Cbz-4-AP)" is its text outside, "BMK ethylene glycol ketal (2-benzyl-2-methyl-1,3-
    dioxolane)" its bracket (the fourteenth held-out set's pmh14019 and pmh14021). Brackets inside a
    systematic name ("4-(phenylamino)piperidine") are not split off. ``unresolved`` itself when no part
    parses."""
    for part in split_bracketed_synonyms(fold_accents(name)):
        part = " ".join(part.split())
        if not part or not worth_parsing(part):
            continue
        found = resolve_systematic_name(parser, cache, part, unresolved)
        if found.std is not None:
            return found
    return unresolved



def resolve_systematic_name_after_abbreviation(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it is an abbreviation in
    capitals and a systematic name no source lists ("PMK 1-(3,4-methylenedioxyphenyl)propan-2-one",
    find_abbreviation_before_full_name): the systematic name parsed by OPSIN, and the abbreviation looked up as a
    declared name. When the two name different substances the more controlled one is screened (rank_listing) and
    the conflict reported, as read_full_name_after_abbreviation does for a full name a source lists; else the
    systematic name decides. ``unresolved`` itself when the name is not so written or OPSIN cannot parse the
    systematic name."""
    pair = find_abbreviation_before_full_name(name)
    if pair is None or readers.systematic_names is None:
        return unresolved
    abbreviation, systematic = pair
    if not readers.looks_systematic(systematic):
        return unresolved
    parsed = resolve_systematic_name(readers.systematic_names, readers.cache, systematic, unresolved)
    if parsed.std is None:
        return unresolved
    by_abbreviation = resolve_item(readers.watchlist, readers.cache, name=abbreviation, database=readers.database)
    how = (
        f"the name '{quote_declared(name)}' was read as the abbreviation '{quote_declared(abbreviation)}' and the "
        f"systematic name '{quote_declared(systematic)}'"
    )
    return _screen_systematic_beside_other_name(
        readers,
        unresolved,
        parsed,
        systematic,
        by_abbreviation,
        f"the abbreviation '{quote_declared(abbreviation)}'",
        "the abbreviation's",
        how,
    )


def _screen_systematic_beside_other_name(
    readers: NameReaders,
    unresolved: Resolution,
    parsed: Resolution,
    systematic: str,
    by_other: Resolution,
    other_said: str,
    others: str,
    how: str,
) -> Resolution:
    """A systematic name OPSIN parsed (``parsed``) and another name written beside it (``by_other``, its resolution;
    ``other_said``, how the flag names it): the systematic name decides when the other names nothing or the same
    substance; when they name different substances the more controlled one is screened (rank_listing) and the conflict
    reported, as read_full_name_after_abbreviation does for a full name a source lists. ``others``: how the flag
    names the other name's substance ("the abbreviation's")."""
    as_parsed = with_reading_noted(parsed, how)
    if by_other.std is None or by_other.std.key == parsed.std.key:
        return as_parsed
    watchlist = readers.watchlist
    other_named = name_structure(watchlist, by_other.std) or "no name known"
    systematic_named = name_structure(watchlist, parsed.std) or "a structure no source names"
    conflict = (
        f"{other_said} ({other_named}) and the systematic name '{quote_declared(systematic)}' ({systematic_named}) "
        "name different substances"
    )
    if rank_listing(watchlist, by_other.std) < rank_listing(watchlist, parsed.std):
        conflict += f" ({others}, the more controlled, is screened)"
        screened = resolved_as_read(unresolved, by_other, how)
    else:
        conflict += " (the systematic name's is screened)"
        screened = as_parsed
    return replace(screened, conflicts=[*screened.conflicts, conflict])


_LOCANT_IN_NAME_RE = re.compile(r"(?:\d|\bN(?:,N'?)?)-")
# A functional-class word after a systematic name, which makes it another substance (an ester, an oxime, an acetal).
_FUNCTIONAL_CLASS_AFTER_RE = re.compile(
    r"\W*(?:[^\W\d_]+\s+){0,3}(?:esters?|oximes?|hydrazones?|semicarbazones?|tosylhydrazones?|acetals?|ketals?|"
    r"anhydrides?|oxides?|imines?|enol|adducts?|complex(?:es)?|derivatives?|impurit(?:y|ies)|metabolites?|dimers?|"
    r"polymers?|conjugates?)\b",
    re.IGNORECASE,
)
_SUBSTITUENT_PREFIX_END_RE = re.compile(
    r"(?:yl|amino|imino|oxy|thio|oxo|nitro|chloro|bromo|fluoro|iodo|hydroxy|carbonyl)\W*$", re.IGNORECASE
)


# A word in a CJK script (Han, kana, Hangul): exporters' listings write a name in Chinese or Japanese beside its
# English one ("高锰酸钾 Potassium permanganate KMnO4 99.3%": the sixty-first held-out set's pch61071).
_CJK_WORD_RE = re.compile(f"[{CJK_CHARACTERS}]")
MAX_SCRIPT_PARTS = 4
# Chinese words for a medicine's dose form and for "free of" / "not containing": a Chinese part with one says what the
# goods are (tablets, capsules, injection, granules, oral liquid, syrup, drops, spray, ointment, "without", "none").
# Ours, common words.
_CJK_MEDICINE_OR_NEGATION_RE = re.compile(r"片|胶囊|注射|颗粒|口服|糖浆|滴|喷雾|软膏|不含|无|未")


def split_names_by_script(name: str) -> list[str]:
    """The runs of words of a name in a CJK script and in others, in order ("高锰酸钾 Potassium permanganate" ->
    ["高锰酸钾", "Potassium permanganate"]); [] when the name is in one kind of script or has more than
    MAX_SCRIPT_PARTS runs."""
    if len(name) > MAX_CLEANED_NAME_CHARS or not _CJK_WORD_RE.search(name):
        return []
    runs: list[list[str]] = []
    last = None
    for word in name.split():
        kind = bool(_CJK_WORD_RE.search(word))
        if kind != last:
            runs.append([])
            last = kind
        runs[-1].append(word)
    parts = [" ".join(run).strip(" ,;:-/") for run in runs]
    return [part for part in parts if part] if 2 <= len(runs) <= MAX_SCRIPT_PARTS else []


def resolve_names_in_two_scripts(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it writes a name in a CJK
    script and one in Latin letters side by side (split_names_by_script), each looked up as a declared name, its
    selling words set aside: the substance they name when they agree; when they differ the more controlled one is
    screened (rank_listing) and the conflict reported. ``unresolved`` itself when a part names no substance or the name
    says something is absent."""
    parts = split_names_by_script(name)
    if not parts:
        return unresolved
    found = []
    worded = 0  # the parts that are more than selling words
    for part in parts:
        words = strip_name_use_words(part)
        if not words:
            continue  # a run of selling words only ("黄樟素 Safrole 现货")
        worded += 1
        by_part = resolve_item(readers.watchlist, readers.cache, name=words, database=readers.database)
        if by_part.std is not None:
            found.append((part, by_part))
        elif not _CJK_WORD_RE.search(part) or _CJK_MEDICINE_OR_NEGATION_RE.search(part):
            # a part in Latin letters naming nothing may say what the goods are ("麻黄素 tablets, retail packs", the
            # fifty-second held-out set's pch52076, a medicine of Category 4), as a Chinese one may ("...片", tablets;
            # "不含", free of): only names side by side are read
            return unresolved
    if not found or (len(found) < worded and not all(_is_category_1_or_drug(readers.watchlist, r.std) for _, r in found)):
        # a Chinese part naming nothing (the lexicon knows few Chinese names: "麻黄碱 Ephedrine") is set aside beside a
        # Category 1 substance or a drug named in Latin letters only (review37)
        return unresolved
    # an acid's name beside its salt's names the salt's anion ("硫酸 Magnesium sulfate": sulphuric acid's Chinese name
    # where a whole name would be 硫酸镁; review37): the salt is screened, without a conflict
    found = [
        (part, r) for part, r in found if not any(names_acid_of_salt(other.std, r.std) for _, other in found if other is not r)
    ]
    screened_name = name_structure(readers.watchlist, found[0][1].std)
    if screened_name and says_substance_absent(readers.watchlist, screened_name, name):
        return unresolved
    found.sort(key=lambda pair: rank_listing(readers.watchlist, pair[1].std))
    screened_part, screened = found[0]
    how = (
        f"the name '{quote_declared(name)}' was read as names in two scripts, "
        + ", ".join(f"'{quote_declared(part)}'" for part in parts)
    )
    result = resolved_as_read(unresolved, screened, how)
    others = [(part, r) for part, r in found[1:] if r.std.key != screened.std.key]
    if not others:
        return result
    watchlist = readers.watchlist
    conflicts = [
        f"'{quote_declared(screened_part)}' ({name_structure(watchlist, screened.std) or 'no name known'}) and "
        f"'{quote_declared(part)}' ({name_structure(watchlist, r.std) or 'no name known'}) name different substances "
        f"(the first, the more controlled, is screened)"
        for part, r in others
    ]
    return replace(result, conflicts=[*result.conflicts, *conflicts])


def _from_first_core_word(span: str) -> str:
    """A systematic name's span from its first word with a locant or a bracket on."""
    words = span.split()
    first = next((i for i, word in enumerate(words) if any(c in word for c in "()[]{}") or re.search(r"\d-", word)), 0)
    return " ".join(words[first:])


def resolve_systematic_name_in_name(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when a systematic name is written
    in it beside other words, as listings write a trivial name and then the systematic one ("Acetylfentanyl
    hydrochloride N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl]acetamide", "Benzylfentanyl N-(1-benzylpiperidin-4-yl)-N-
    phenylpropionamide readily available": the sixty-first held-out set's pdh61014, pmh61012): the systematic name cut
    out as a description's is (chemistry/opsin.py systematic_names_in_text) and parsed by OPSIN, the other words, their
    selling words set aside, looked up as a declared name; the two screened as an abbreviation and its systematic name
    are (_screen_systematic_beside_other_name). ``unresolved`` itself when no part of the name is such a name, OPSIN
    cannot parse it, or the name says something is absent."""
    if readers.systematic_names is None or len(name) > MAX_CLEANED_NAME_CHARS:
        return unresolved
    # a span with a locant ("1-", "4-yl", "N-", "N,N-"): a word in brackets is no systematic name ("FLAMMABLE LIQUID,
    # N.O.S. (toluene, acetone)", "... (methyl ethyl ketone peroxide(s))"); nor a substituent's prefix, which names a
    # group of the name beside it ("N,N-dimethylamino etonitazene" is a nitazene analogue, read later)
    spans = [
        span
        for span in systematic_names_in_text(name)[:1]
        if span in name and _LOCANT_IN_NAME_RE.search(span) and not _SUBSTITUENT_PREFIX_END_RE.search(span)
    ]
    if spans and (core := _from_first_core_word(spans[0])) != spans[0]:
        # the words before the first word with a locant or bracket, when they are a name of their own ending in "-yl"
        # ("Benzylfentanyl N-(1-benzylpiperidin-4-yl)-..."), which the span took for an ester's alkyl
        spans.append(core)
    for systematic in spans:
        if systematic == name.strip():
            continue
        if _FUNCTIONAL_CLASS_AFTER_RE.match(name, name.find(systematic) + len(systematic)):
            # "2-aminobenzoic acid methyl ester", "1-phenylpropan-2-one oxime": the words after the span make it
            # another substance, which the span alone is not (review37)
            return unresolved
        # a source's name first ("N-(1-benzylpiperidin-4-yl)-N-phenylpropionamide" is a synonym the identifier
        # database lists, which OPSIN does not parse), else OPSIN's parse
        parsed = resolve_item(readers.watchlist, readers.cache, name=systematic, database=readers.database)
        if parsed.std is None:
            parsed = resolve_systematic_name(readers.systematic_names, readers.cache, systematic, unresolved)
        if parsed.std is not None:
            break
    else:
        return unresolved
    other = strip_name_use_words(" ".join(name.replace(systematic, " ", 1).split())).strip(" ,;:-")
    by_other = (
        resolve_item(readers.watchlist, readers.cache, name=other, database=readers.database)
        if other
        else unresolved
    )
    how = f"the name '{quote_declared(name)}' was read as the systematic name '{quote_declared(systematic)}'" + (
        f" and the words beside it, '{quote_declared(other)}'" if other else ", the words beside it being selling words"
    )
    screened_name = name_structure(readers.watchlist, parsed.std)
    if screened_name and says_substance_absent(readers.watchlist, screened_name, name):
        return unresolved  # the name says the substance is absent ("Acetylfentanyl-free ...")
    return _screen_systematic_beside_other_name(
        readers, unresolved, parsed, systematic, by_other, f"the words '{quote_declared(other)}'", "theirs", how
    )


MAX_FOREIGN_NAME_PARTS = 3  # the whole name and the first two parts beside a bracketed synonym


def name_and_synonym_parts(name: str) -> list[str]:
    """The cleaned name, then its parts beside a bracketed synonym: at most MAX_FOREIGN_NAME_PARTS, the parts the
    respellings of another language's names read (respell_foreign_name_parts, respell_name_parts_in_english)."""
    parts = [clean_name(name)]
    parts += [" ".join(part.split()) for part in split_bracketed_synonyms(parts[0]) if part.strip() != parts[0]]
    return parts[:MAX_FOREIGN_NAME_PARTS]


def respell_foreign_name_parts(name: str) -> list[str]:
    """The English spellings resolve_foreign_systematic_name sends to OPSIN for ``name``, in its order: the name,
    then each of its parts beside a bracketed synonym, at most MAX_FOREIGN_NAME_PARTS, respelt in English
    (regular expressions and a table of morphemes only) with an aryl ketone's ring locants primed. A few parts at
    most: each one respelt costs OPSIN a parse (and its budget if it hangs), and a name is one name with a synonym
    or two beside it, not a list of brackets."""
    respelt_parts = []
    for part in name_and_synonym_parts(name):
        respelt = respell_systematic_name(part) or respell_czech_acid_name(part) or respell_german_acid_name(part)
        if respelt is not None and looks_systematic(respelt):
            respelt_parts.append(prime_aryl_ketone_ring_locants(respelt) or respelt)  # "2-Brom-4-Chlorpropiophenon"
    return respelt_parts


def resolve_foreign_systematic_name(
    parser: OpsinParser,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    respelt_parts: Sequence[str] | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``, OPSIN included) when it is
    a systematic name spelt with another language's morphemes: the name respelt in English (chemistry/
    foreign_nomenclature.py respell_systematic_name: "1-fenilpropan-2-onă" -> "1-phenylpropan-2-one") and parsed
    by OPSIN, the whole name, then each of its parts beside a bracketed synonym ("1-cikloheksil-4-(1,2-
    difeniletil)piperazin (MT45)"); a Czech or Slovak acid or ester name in English functional-class order
    (respell_czech_acid_name: "methylester 3-oxo-2-fenylmáselné kyseliny" -> "3-oxo-2-phenylbutyric acid methyl
    ester"); a German acid, ester or anhydride written as one word (respell_german_acid_name: "Benzolessigsäure" ->
    "benzeneacetic acid"); ``unresolved`` itself when no respelling parses (respell_foreign_name_parts). The source and a note
    say that the name was read as the English systematic name. ``respelt_parts``: respell_foreign_name_parts of
    the name, when the caller has them."""
    for respelt in respell_foreign_name_parts(name) if respelt_parts is None else respelt_parts:
        if "." in (parser.parse_systematic_name(respelt).smiles or "."):
            # unparsed, or parsed as several substances: a respelt word OPSIN read as a name of its own
            continue
        found = resolve_systematic_name(parser, cache, respelt, unresolved)
        if found.std is not None:
            how = f"the name '{quote_declared(name)}' was read as the English systematic name '{quote_declared(respelt)}'"
            return with_reading_noted(found, how)
    return unresolved


def respell_name_parts_in_english(name: str) -> list[str]:
    """The English spellings of ``name`` and of its parts beside a bracketed synonym (at most
    MAX_FOREIGN_NAME_PARTS), each by the first respelling that reads every word of it: a name in another language's
    morphemes (respell_systematic_name), a Czech or German acid name, a pharmacopoeia's Latin title
    (respell_latin_title). Unlike respell_foreign_name_parts, not only the names that look systematic: these are
    looked up, not parsed."""
    respelt_parts = []
    for part in name_and_synonym_parts(name):
        respelt = respell_systematic_name(part)
        if respelt is not None and respelt.lower() in _LONE_MORPHEME_WORDS:
            respelt = None  # a class word alone ("Anhidrit", "Asit") names no substance
        respelt = respelt or respell_czech_acid_name(part) or respell_german_acid_name(part) or respell_latin_title(part)
        if respelt is not None and respelt not in respelt_parts:
            respelt_parts.append(respelt)
    return respelt_parts


# A class word respelt alone ("Anhidrit", "Asit"): "anhydride" or "acid", which the identifier database gives to one
# substance (chromic anhydride) no declarant meant. Only the class and suffix words of MORPHEMES: a morpheme that is
# a substance's name ("Piperidiini", piperidine; "Asetoni", acetone) is looked up as any name (review26b)
_LONE_MORPHEME_WORDS = frozenset(
    {"acid", "acetic", "anhydride", "amine", "amin", "amide", "amid", "anilide", "anilid", "imine", "imin", "one",
     "on", "ol", "al", "diol", "yl", "ylidene"}
)


def resolve_respelt_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
    without_trade_words: str | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when its English spelling
    (respell_name_parts_in_english: "Methylaceton" -> "methylacetone", "Acidum hydrochloricum" -> "hydrochloric
    acid") is a name of the lexicon or of the identifier database; ``unresolved`` itself otherwise. Only the
    lexicon and the database: the spellings OPSIN parses are read by resolve_foreign_systematic_name. The source
    and a note say how the name was read. ``without_trade_words``: strip_trade_words of the name, when the caller
    has it (read_unresolved_name's DeclaredName)."""
    spellings = respell_name_parts_in_english(name)
    if not spellings:  # "Acidum hydrochloricum 37 %", "Acetonum Ph. Eur.": the title once its grade is set aside
        stripped = (strip_trade_words(name) if without_trade_words is None else without_trade_words).strip(" ,;.")
        spellings = respell_name_parts_in_english(stripped) if stripped != name else []
    for respelt in spellings:
        # A substituent prefix without its locant ("aminobenzoic acid", "hydroxybutyric acid") names several
        # isomers; the identifier database gives such a name to one of them (anthranilic acid, GHB), which the
        # declarant may not have meant (the Ph. Eur.'s "Acidum aminobenzoicum" is 4-aminobenzoic acid): only the
        # lexicon is asked then.
        ask = None if UNLOCATED_SUBSTITUENT_RE.search(respelt) else database
        found = resolve_item(watchlist, cache, name=respelt, database=ask)
        if found.std is not None:
            how = f"the name '{quote_declared(name)}' was read as its English spelling '{quote_declared(respelt)}'"
            return resolved_as_read(unresolved, found, how)
    return unresolved


# A heteroatom substituent prefix with no locant before it: at a word's start, or after another prefix or an
# alkyl chain, not after a digit, a prime, a letter locant (N-, O-, o-/m-/p-) or a Greek letter's hyphen.
UNLOCATED_SUBSTITUENT_RE = re.compile(
    r"(?:^|[\s(\[])(?:[a-z]*?)(?<![\d',-])(?:amino|hydroxy|chloro|bromo|fluoro|iodo|nitro|methoxy|ethoxy|oxo)",
    re.IGNORECASE,
)


def systematic_name_source(parser: OpsinParser) -> str:
    """The source of a structure parsed from a systematic name, as flags and `precwatch identify` show it."""
    return f"{parser.install.label} (structure parsed from the systematic name; no source lists the name)"


# A stand-alone locant N- ("Kwas N-acetyloantranilowy", "n-acetylanthranilic acid"): an N that no
# letter, digit, prime or comma comes before (so not "N,N-" or "N'-"), followed by a hyphen and a
# letter. Lower-case too: declarations are often typed in one case (the identifier database's names
# are all lower-case); where "n-" is the normal-chain prefix instead ("n-propyl"), the structural
# check below turns the reading down unless the entry has a substituted nitrogen anyway.
# Any dash, and spaces around it, as the name keys read them (fold_dashes, normalise_name): a word
# processor's "N\u2013acetyl" is the same name as "N-acetyl".
_N_LOCANT_RE = re.compile(r"(?<![\w,'\u2018\u2019\u2032])[Nn]\s*-\s*(?=[^\W\d_])")


def strip_n_locants(name: str) -> str:
    """The name with its stand-alone locants N- removed ("Kwas N-acetyloantranilowy" -> "Kwas
    acetyloantranilowy"); the name itself when it has none."""
    stripped, count = _N_LOCANT_RE.subn("", fold_dashes(name))
    return stripped if count else name


def find_watchlist_name_without_n_locants(
    watchlist: Watchlist, cache: StructureCache, name: str
) -> tuple[LexiconRecord, str] | None:
    """(The watchlist record, the name as looked up) when the name without its stand-alone locants N-
    is one of the watchlist's own names (its entries' names and synonyms, names_eu.csv); None
    otherwise. Only the watchlist's names are asked: across the identifier database, dropping N-
    joins different substances (N-methylglycine, sarcosine, and "methyl glycine", the ester), while
    the watchlist's names are few and were surveyed (`python -m devtools.n_locants`). The
    common-chemicals dictionary is not asked either: a trade name there is no reason to read a
    locant away. Without the structural check: see lookup_watchlist_name_without_n_locants."""
    stripped = strip_n_locants(name)
    if stripped == name:
        return None
    record, _ = lookup_name_record(watchlist, cache, stripped)
    if record is None or not _is_watchlist_record(record):
        return None
    return record, stripped


def carries_n_substituent(std: Standardised) -> bool:
    """Whether a structure has a nitrogen that something is attached to from outside: bonded to at
    least two heavy atoms, one of them by a bond in no ring. "N-X-parent" puts X on a nitrogen of
    the parent, so the substance it names has one; a name that reads as a watchlist name only once
    its N- is dropped, for an entry without such a nitrogen, is another substance ("N-benzoylethanamine",
    N-ethylbenzamide, is not cathinone, "benzoylethanamine")."""
    for atom in std.mol.GetAtoms():
        if atom.GetAtomicNum() != 7:
            continue
        heavy = [bond for bond in atom.GetBonds() if bond.GetOtherAtom(atom).GetAtomicNum() > 1]
        if len(heavy) >= 2 and any(not bond.IsInRing() for bond in heavy):
            return True
    return False


def lookup_watchlist_name_without_n_locants(
    watchlist: Watchlist, cache: StructureCache, name: str
) -> tuple[LexiconRecord, str, Standardised] | None:
    """find_watchlist_name_without_n_locants with the entry's structure, kept only when that carries a
    substituent on a nitrogen (carries_n_substituent), as the locant says it does."""
    found = find_watchlist_name_without_n_locants(watchlist, cache, name)
    if found is None:
        return None
    std = _record_std(found[0], cache)
    return (*found, std) if std is not None and carries_n_substituent(std) else None


def with_reading_noted(found: Resolution, how: str) -> Resolution:
    """``found``, what a last-resort reading resolved a declared name to (replaced onto the declared name's
    unresolved resolution, so it carries that one's problems and notes already), its source and notes saying
    ``how`` the name was read."""
    return replace(found, source=f"{found.source} ({how})", source_notes=[*found.source_notes, how])


def resolved_by_looking_up(readers: NameReaders, text: str, unresolved: Resolution, how: str) -> Resolution:
    """``unresolved`` resolved by looking ``text``, a part or rewriting of the declared name, up as a name field is
    (resolve_item; resolved_as_read says ``how``), or ``unresolved`` itself when it names nothing."""
    found = resolve_item(readers.watchlist, readers.cache, name=text, database=readers.database)
    return resolved_as_read(unresolved, found, how) if found.std is not None else unresolved


def resolved_as_read(unresolved: Resolution, found: Resolution, how: str) -> Resolution:
    """``found``, what a last-resort reading's rewritten or shortened name resolved to, as the resolution of
    the declared name nothing else resolved (``unresolved``): the invalid identifiers and conflicts of both,
    its source and notes saying ``how`` the name was read."""
    return with_reading_noted(carrying_problems_of(unresolved, found), how)


def carrying_problems_of(unresolved: Resolution, found: Resolution) -> Resolution:
    """``found``, resolved from a part or rewriting of the declared name, with the declared name's invalid identifiers,
    conflicts and notes (``unresolved``'s) before its own."""
    return replace(
        found,
        invalid=[*unresolved.invalid, *found.invalid],
        conflicts=[*unresolved.conflicts, *found.conflicts],
        source_notes=[*unresolved.source_notes, *found.source_notes],
    )


def resolved_as_built(unresolved: Resolution, record: LexiconRecord, std: Standardised, how: str) -> Resolution:
    """``unresolved`` resolved by a last-resort reading that built ``std`` on the listed ``record``'s structure (a
    protecting group, a nor- compound): no source names the structure, so no name; its source says ``how``."""
    return replace(
        unresolved,
        resolved_by="name",
        std=std,
        name=None,
        source=f"{record.source} ({how})",
        source_notes=[*unresolved.source_notes, how],
    )


def resolved_as_record(unresolved: Resolution, record: LexiconRecord, std: Standardised, how: str) -> Resolution:
    """``unresolved`` resolved by a last-resort name reading as the lexicon ``record`` (its structure ``std``),
    its source and notes saying ``how`` the name was read."""
    return replace(
        unresolved,
        resolved_by="name",
        std=std,
        name=record.name,
        source=f"{record.source} ({how})",
        source_notes=[*unresolved.source_notes, how],
    )


# Words that may stand among a natural product's own words without making it another product: the plant's
# genus and species epithets (Sassafras albidum, S. officinale, S. tzumu; Ocotea pretiosa, O. odorifera,
# O. cymbarum, the Brazilian sassafras), origins, the plant part and the kind of oil (essential, crude, rectified,
# in the languages of natural_products.csv). Ours, a reading rule and not data: any other word (a carrier oil,
# "scented", "type", "flavour", "candle", "tea") makes the words something else (review22: "Sassafras scented soy
# oil candle" had been read as safrole).
NATURAL_PRODUCT_QUALIFIERS = frozenset(
    " ".join(
        (
            "albidum officinale tzumu ocotea pretiosa odorifera cymbarum "
            "brazilian chinese vietnamese american "
            "root roots bark wood racine bois raiz casca "
            "essential essentielle essencial esencial essenziale atherisches "
            "pure pur puro pura natural naturel naturelle naturale crude brut brute bruto bruta rectified raw "
            "steam distilled safrole rich high fraction industrial grade technical tech vietnam china brazil "
            "ml l kg g t x drum drums bottle bottles "
            # a plant material's extract and its drying, as ephedra herb and ergot are traded (thirty-seventh session:
            # "Ephedrakraut-Extrakt", "Ephedra herb extract standardised to 6 % ephedrine", "dried stems"); the
            # substances they are read as
            "extract extracts extrakt extrait estratto extracto ekstrakt trockenextrakt dry dried getrocknet "
            "standardised standardized to powdered cut stems sclerotia sklerotien ephedrine ephedrin ergotamine ergotamin "
            # the state, grade and origin words of the 1961 Convention's plant materials as traders write them
            # (review38: "Afghan opium", "Fresh coca leaves", "Hoja de coca seca", "Moroccan cannabis resin",
            # "Cannabis resin THC", "Opium gum"): where and how the material was harvested, never another product
            "fresh frisch frais fresca fresco frescas organic bio premium whole entire ganze entiere seca seco secas "
            "secos secche secchi sechee sechees gum latex thc cbd erythroxylum sativa indica from "
            # the pharmacopoeias' Latin grade words of a preparation ("Tinctura Opii simplex", "Opii tinctura normata":
            # the simple and the standardised tincture)
            "simplex normata normatum normatus "
            # the alkaloid the material is graded by ("Raw opium 10% morphine"; its absence is _ALKALOIDS_TAKEN_OUT_RE's)
            "morphine morphin codeine thebaine cocaine kokain "
            "afghan afghanistan moroccan morocco bolivian bolivia peruvian peru colombian colombia lebanese lebanon "
            "nepalese nepal indian india turkish turkey pakistani pakistan burmese myanmar mexican mexico",
        )
    ).split()
)
# A homeopathic preparation, a medicinal product (review37: "Ephedra herb (homeopathic mother tincture)"); accents folded.
_HOMEOPATHIC = r"hom(?:e|oe|o)opath\w*|urtinktur|mother\s+tincture|teinture\s+mere"
_HOMEOPATHIC_RE = re.compile(rf"\b(?:{_HOMEOPATHIC})", re.IGNORECASE)
# Words anywhere in the name that say the goods are not the natural oil, or are something made with it: what the
# reading never takes for the product (review22b: "Sassafras oil, synthetic", "sassafras oil soap").
# The words of an origin other than nature ("Sassafras oil, synthetic"): the grade words set "synthetic" aside as they
# set "natural" aside (chemistry/identifiers.py), so natural_product_denied reads them in the whole name.
_NOT_OF_NATURAL_ORIGIN = r"synthetic|imitation|artificial|nature[\s-]*identical"
_NOT_OF_NATURAL_ORIGIN_RE = re.compile(rf"\b(?:{_NOT_OF_NATURAL_ORIGIN})\b", re.IGNORECASE)
_NOT_THE_PRODUCT_WORDS = (
    # "type" as a kind of goods ("sassafras type fragrance"), not a grade's number or letter ("Raw opium type 1",
    # "Coca leaves, type A": review38)
    rf"{_NOT_OF_NATURAL_ORIGIN}|substitute|type(?![\s-]*(?:\d|[a-z]\b|[ivx]+\b))|flavou?r(?:ing)?|fragrance|"
    rf"scented|perfume|parfum|candles?|soaps?|balms?|shampoos?|lotions?|creams?|{_HOMEOPATHIC}|"
    # a perfume's words ("Opium eau de toilette", "Opium EDP 90 ml": a fragrance of that brand; ours, common words)
    r"edp|edt|eau\s+de\s+(?:parfum|toilette|cologne)|cologne|fragrance\s+spray|body\s+spray"
)
# What refuses a drug's plant material: a tea of one is that material still ("Coca leaf tea": review38)
_NOT_THE_DRUG_PRODUCT_RE = re.compile(rf"\b(?:{_NOT_THE_PRODUCT_WORDS})\b", re.IGNORECASE)
# What refuses any other natural product, a tea too (a sassafras tea is no oil)
_NOT_THE_NATURAL_PRODUCT_RE = re.compile(rf"\b(?:{_NOT_THE_PRODUCT_WORDS}|teas?)\b", re.IGNORECASE)
# The words of a tea (English, German, French, Spanish, Italian; ours): "Coca leaf tea", "coca leaves tea bags".
_TEA_WORDS = frozenset({"tea", "teas", "tee", "te", "infusion", "infusions"})  # not "the" ("The Coca": review39)
_FRENCH_TEA_RE = re.compile(r"\bth\u00e9s?\b", re.IGNORECASE)  # French "thé", read before its accent is folded
# and the words of its packing, set aside beside a tea's word only ("Coca tea bags"; "Coca bags" names no tea)
_TEA_PACKING_WORDS = frozenset({"bag", "bags", "beutel", "sachet", "sachets", "bolsita", "bolsitas", "filtri"})
# A concentrate or tincture named after its material ("Poppy straw concentrate", as a US DEA memorandum writes it: FRUS 1969-76,
# vol. E-3, doc. 178, "Opium, poppy straw, and poppy straw concentrate"), the Convention naming it "concentrate of poppy
# straw"; and its abbreviation, "CPS" (a US State Department cable of 1979, "concentrate of poppy straw (CPS)"), read
# only beside a grade by an opium alkaloid ("CPS morphine type"): alone the letters name many things.
_CPS_RE = re.compile(r"\bCPS\b")
_CONCENTRATE_AFTER_RE = re.compile(
    r"\b(?P<material>poppy\s+straw|opium)\s+(?P<preparation>concentrate|tincture)\b", re.IGNORECASE
)
# A concentrate of poppy straw's grade by its main alkaloid ("concentrate of poppy straw (CPS), morphine type"; the
# twenty-third held-out set's pdh23005): ours, the alkaloids of the opium poppy by their English names.
_ALKALOID_TYPE_RE = re.compile(r"\b(?:morphine|thebaine|oripavine|codeine)[\s-]+type\b", re.IGNORECASE)
# The alkaloids a plant material is read for, said absent or taken out ("alkaloid-free", "alkaloids removed", "no
# ephedrine", "dealkaloidized", "entalkaloidisiert"); ours, written from knowledge.
_ALKALOIDS_TAKEN_OUT_RE = re.compile(
    r"(?:alkaloid|cocain|kokain)\w*[\s-]*(?:free|frei|removed|eliminated|depleted|reduced|extracted|stripped)|"
    r"(?:free\s+(?:of|from)|without|ohne|sans|sin|no|kein\w*)\s+(?:\w+\s+)?"
    r"(?:alkaloid|ephedrin|ergotamin|ergometrin|cocain|kokain)|"
    # a coca leaf with its cocaine taken out, which the 1961 Convention's Art. 1(f) leaves out of "coca leaf" and whose
    # extract Art. 27 allows as a flavouring ("decocainized coca leaf extract"; ours, common words)
    r"\b(?:de|ent)(?:alkaloid|cocain|kokain)\w*|"
    r"(?:ephedrin|ergotamin|ergometrin|safrol|cocain)\w*[\s:-]*(?:not\s+detected|n\.?\s*d\.?\b)",
    re.IGNORECASE,
)
# A grain, its flour or its screenings named beside ergot: the goods are the grain (English, German, French, Dutch,
# Italian, Spanish, Polish; ours, common words; German compounds matched inside a word, "Roggenmehl").
_GRAIN_RE = re.compile(
    r"\b(?:rye|wheat|barley|oats?|triticale|spelt|grains?|cereals?|flour|screenings|feed|seigle|ble|orge|avoine|"
    r"farine|rogge|tarwe|gerst|haver|meel|segale|grano|frumento|orzo|farina|centeno|trigo|cebada|harina|zyto|pszenic\w*|"
    r"jeczmie\w*|owies|maka)\b|roggen|weizen|gerste|hafer|dinkel|getreide|mehl|futter",
    re.IGNORECASE,
)


# A word that negates the word after it, within a word or two ("not synthetic", "non-synthetic", "no synthetic
# additives", "without fragrance", "free of perfume"), or a suffix that does ("fragrance-free"): a refusal word so
# negated says the goods ARE the natural product (review38: "Ephedra herb (not synthetic)" had been read as nothing).
# Ours, common words of the languages natural_products.csv is written in.
_NEGATION_WORDS = frozenset({"not", "no", "non", "without", "ohne", "sans", "sin", "senza", "nicht", "kein", "keine"})
_NEGATION_BEFORE_RE = re.compile(
    # (a word between only after a space: "non-GMO synthetic" is not "non-synthetic": review39)
    rf"\b(?:{'|'.join(sorted(_NEGATION_WORDS))}|kein\w*|free\s+(?:of|from))(?:[\s-]*|\s+[^\W\d_]+\s+)$",
    re.IGNORECASE,
)
_NEGATION_AFTER_RE = re.compile(r"[\s-]*(?:free|frei|libre)\b", re.IGNORECASE)


# A grade by number or letter ("type 1", "grade A", "Typ II") and an origin negated ("not synthetic", "non-artificial"):
# words a natural product's name may carry (resolve_qualified_natural_product); ours.
_GRADE_OR_NEGATED_ORIGIN_RE = re.compile(
    rf"\b(?:(?:type|typ|grade|class|sorte)[\s-]*(?:\d+|[a-z]|[ivx]+)\b|(?:not|non|no)[\s-]+(?:{_NOT_OF_NATURAL_ORIGIN})\b)",
    re.IGNORECASE,
)


def says_unnegated(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` finds a word in ``text`` (accents folded) that no word beside it negates (_NEGATION_BEFORE_RE,
    _NEGATION_AFTER_RE): "Sassafras oil, synthetic" says it, "Sassafras oil (not synthetic)" and "Raw opium,
    fragrance-free" do not."""
    folded = fold_accents(text)
    for found in pattern.finditer(folded):
        before = folded[max(0, found.start() - 30) : found.start()]
        if _NEGATION_BEFORE_RE.search(before) or _NEGATION_AFTER_RE.match(folded, found.end()):
            continue
        return True
    return False


def says_made_otherwise_than_by_nature(name: str) -> bool:
    """Whether a name says the goods were made otherwise than by nature ("synthetic", "imitation", "artificial",
    "nature-identical"), unnegated: the one test of it, for every reading of a natural product's name."""
    return says_unnegated(_NOT_OF_NATURAL_ORIGIN_RE, name)


def natural_product_denied(product: str, name: str) -> bool:
    """Whether a name holding a natural product's name says the goods are not that product as controlled: its alkaloids
    absent or taken out, a homeopathic preparation (a medicinal product), the product itself absent, or made otherwise
    than by nature ("synthetic", "imitation")."""
    return (
        _says_alkaloids_out_or_homeopathic(name)
        or _says_product_absent(product, name)
        or says_made_otherwise_than_by_nature(name)
    )


def _says_alkaloids_out_or_homeopathic(name: str) -> bool:
    folded = fold_accents(name)
    return bool(_ALKALOIDS_TAKEN_OUT_RE.search(folded) or _HOMEOPATHIC_RE.search(folded))


def _says_product_absent(product: str, name: str) -> bool:
    """Whether the name says the natural product itself is absent ("ergot-free rye", "Ephedra-free supplement")."""
    words = re.escape(fold_accents(product).lower())
    return re.search(rf"{words}[\s-]*(?:free|frei)\b|(?:free\s+of|without|ohne|sans)\s+{words}", fold_accents(name).lower()) is not None


# Where one product's name cannot go on: list separators, brackets and the words that join two things.
_NATURAL_PRODUCT_BREAK_RE = re.compile(
    r"[,;:&+/()\[\]{}|]|\s(?:and|with|und|mit|et|avec|e|com|y|con|i|en|plus)\s", re.IGNORECASE
)
MAX_NATURAL_PRODUCT_NAME_CHARS = 200  # a longer field is a description, not a product's name
# An oil named by the substance it is rich in, as the US DEA's notice on safrole writes "essential oils rich in
# safrole" and traders "safrole-rich oil" (the forty-seventh held-out set's pch47021): one word before "-rich" or after
# "rich in", then read as a name (resolve_qualified_natural_product). English, written from the notice's wording.
# Words that say the substance was taken out of the oil ("Camphor oil rich in safrole removed": review28b L1).
_REMOVED_RE = re.compile(r"\b(?:removed|extracted|depleted|reduced|eliminated|stripped)\b", re.IGNORECASE)
_RICH_IN_SUBSTANCE_RE = re.compile(
    r"(?<![\w-])(?:(?P<before>[^\W\d_]{4,30})[-\s]rich\s+(?:essential\s+|volatile\s+)?oils?|"
    r"(?:essential\s+|volatile\s+)?oils?\s+rich\s+in\s+(?P<after>[^\W\d_]{4,30}))(?![\w-])",
    re.IGNORECASE,
)


def resolve_qualified_natural_product(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when a part of it (cut at list
    separators, brackets and joining words) is a natural product's name once the qualifiers are set aside
    (NATURAL_PRODUCT_QUALIFIERS: "Sassafras albidum root bark essential oil", "Brazilian sassafras oil" in
    "Ocotea pretiosa oil (Brazilian sassafras oil)", "brown camphor oil" in "brown camphor oil, safrole-rich
    fraction"): the product a source controls as the entry's substance, named with its plant's species, origin,
    part or kind of oil; ``unresolved`` itself otherwise, and when the name says the substance is absent
    ("sassafras oil flavour, safrole-free": says_substance_absent). The source says which product's name was read."""
    name = " ".join(name.split())
    if len(name) > MAX_NATURAL_PRODUCT_NAME_CHARS or not watchlist.natural_product_words:
        return unresolved
    # a concentrate of poppy straw named by its main alkaloid, as the trade grades it ("morphine type", "thebaine
    # type"): the alkaloid's "type", not a product of another kind ("sassafras type fragrance")
    declared = name
    name = _ALKALOID_TYPE_RE.sub(" ", _CONCENTRATE_AFTER_RE.sub(r"\g<preparation> of \g<material>", name))
    if name != declared and _CPS_RE.search(name):
        # "CPS morphine type": the letters with a grade by an opium alkaloid are the concentrate (review38)
        name = _CPS_RE.sub("concentrate of poppy straw", name)
    # A tea of a plant material of the 1961 Convention is that material still ("Coca leaf tea": coca leaf, whose
    # cocaine the infusion extracts; review38): words of tea refuse only the other products (a sassafras tea is no oil)
    refused = says_unnegated(_NOT_THE_NATURAL_PRODUCT_RE, name)
    refused_for_drugs = says_unnegated(_NOT_THE_DRUG_PRODUCT_RE, name)
    if refused and refused_for_drugs:
        return unresolved
    if _says_alkaloids_out_or_homeopathic(name):
        # the alkaloids said absent or taken out ("Ephedrine alkaloid-free Ephedra herb extract", "(ephedrine alkaloids
        # removed)", "entalkaloidisiert": the sixtieth held-out set's nlh60006, review37); an absence of anything else
        # ("dust-free", "roots removed") says nothing of them
        return unresolved
    rich = _RICH_IN_SUBSTANCE_RE.search(name)
    if rich is not None:
        # "Safrole-rich oil (Cinnamomum porrectum wood oil)", "essential oil rich in safrole": the US DEA's notice
        # (US-DEA-SAFROLE-NOTICE) calls the oils "essential oils rich in safrole" and treats them as safrole; read as
        # the natural product of the substance named, when natural_products.csv has one for it
        substance, _ = lookup_name_record(watchlist, cache, rich["before"] or rich["after"])
        record = next(
            (
                product
                for _, product in watchlist.natural_product_words
                if substance is not None and substance.watchlist_id is not None
                and product.watchlist_id == substance.watchlist_id
            ),
            None,
        )
        if (
            record is not None
            and not says_substance_absent(watchlist, record.name, name)
            and not _REMOVED_RE.search(name)
        ):
            std = _record_std(record, cache)
            if std is not None:
                how = (
                    f"the name '{quote_declared(declared)}' was read as an essential oil rich in {record.name}, which the "
                    f"sources control as {record.name} itself (the natural product '{record.natural_product}')"
                )
                return resolved_as_record(unresolved, record, std, how)
    # a grade by number or letter ("Raw opium type 1") and an origin said not to be another ("Opium natural not
    # synthetic"): words of the same product, set aside as the qualifiers are (review38)
    # (the French "thé" read as tea before its accent is folded: "Thé de coca", review40)
    bare = _FRENCH_TEA_RE.sub("tea", _GRADE_OR_NEGATED_ORIGIN_RE.sub(" ", name))
    parts = [
        tuple(w for w in natural_product_words(part) if w not in NATURAL_PRODUCT_QUALIFIERS)
        for part in _NATURAL_PRODUCT_BREAK_RE.split(f" {bare} ")
    ]
    # the parts that name a tea, without its words: where a drug's plant material is also read ("Coca tea bags")
    teas = {
        tuple(w for w in part if w not in _TEA_WORDS | _TEA_PACKING_WORDS | {"de", "of", "di"})
        for part in parts
        if _TEA_WORDS.intersection(part)
    }
    for wanted, record in watchlist.natural_product_words:
        drug = is_drug_product_source(record.source)
        named = wanted in parts or (drug and tuple(w for w in wanted if w not in _TEA_WORDS) in teas)
        if not wanted or not named or (refused_for_drugs if drug else refused):
            continue
        if says_substance_absent(watchlist, record.name, name) or natural_product_denied(record.natural_product, name):
            return unresolved
        around = fold_accents(_NATURAL_PRODUCT_BREAK_RE.sub(" ", f" {name} ")).lower()
        if _GRAIN_RE.search(around.replace(fold_accents(record.natural_product).lower(), " ")):
            # ergot named in a grain's particulars ("Feed wheat; ergot 0.1 g/kg", "Roggen; Mutterkorn 0,2 g/kg"): the
            # goods are the grain, whose ergot the food and feed rules limit (review37)
            return unresolved
        std = _record_std(record, cache)
        if std is None:
            continue
        how = (
            f"the name '{quote_declared(declared)}' was read as the natural product '{record.natural_product}', words "
            "naming the plant's species, origin, part, state or grade, or the kind of oil, set aside"
        )
        return resolved_as_record(unresolved, record, std, how)
    return unresolved


# The watchlist's names by their consonants (chemistry/arabic_names.py), per watchlist object, built on the first name
# in Arabic script a process reads: (the watchlist, {key: [(watchlist id or key, the name's word sounds, joined, record)]}).
SkeletonIndex = dict[tuple[str, ...], list[tuple[str, tuple[Sounds, ...], bool, LexiconRecord]]]
_ARABIC_SKELETON_INDEXES: dict[int, tuple[Watchlist, SkeletonIndex]] = {}


def arabic_skeleton_index(watchlist: Watchlist) -> SkeletonIndex:
    """The watchlist's own names in Latin letters by their words' consonants in any order (words_key), and by their
    consonants written as one word (joined), with each name's sounds (latin_sounds)."""
    held = _ARABIC_SKELETON_INDEXES.get(id(watchlist))
    if held is not None and held[0] is watchlist:
        return held[1]
    index: SkeletonIndex = {}
    for key, record in watchlist.by_name.items():
        if not _is_watchlist_record(record) or record.natural_product:
            continue
        spelling = watchlist.name_spellings.get(key, record.name)
        if not spelling.isascii():
            continue  # a name in another script: its consonants would be another script's letters
        words = latin_sounds(spelling)
        if not words or not enough_consonants(words, MIN_FULLY_WRITTEN_CONSONANTS):
            continue
        substance = record.watchlist_id or key
        index.setdefault(words_key(words), []).append((substance, words, False, record))
        if len(words) > 1:
            index.setdefault((join_sounds(words)[0],), []).append((substance, (join_sounds(words),), True, record))
    _ARABIC_SKELETON_INDEXES[id(watchlist)] = (watchlist, index)
    return index


def _arabic_name_fits(
    watchlist: Watchlist,
    declared: tuple[Sounds, ...],
    joined: Sounds | None,
    short: bool,
    latin: tuple[Sounds, ...],
    record: LexiconRecord,
) -> bool:
    """Whether a name in Arabic script (its words' sounds ``declared``, or, read as one word, ``joined``) fits a
    watchlist name's Latin words ``latin`` (words_fit); a ``short`` name (one consonant fewer than a name needs) only
    a scheduled precursor's name of one word whose every vowel between consonants it writes (writes_every_vowel)."""
    if not (words_fit((joined,), latin) if joined is not None else words_fit(declared, latin)):
        return False
    return not short or (
        len(latin) == 1 and writes_every_vowel(declared[0], latin[0]) and _is_scheduled(watchlist, record)
    )


def resolve_arabic_script_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name in Arabic script that nothing resolved (``unresolved``) when its words fit
    exactly one watchlist substance's name in Latin letters (chemistry/arabic_names.py: the same consonants, in any
    word order or as one word, and every vowel the Arabic writes one the Latin has there); else the same without a
    salt word ("فِـنِـتیلین هیدروکلراید", fenetylline hydrochloride). ``unresolved`` itself otherwise, and for fewer than
    MIN_SKELETON_CONSONANTS consonants. The source says the name was read by its consonants: a reading of sounds."""
    if not is_arabic_script_name(name):
        return unresolved
    words = arabic_sounds(name)
    without_salt = tuple(w for w in words if w[0] not in SALT_WORD_SKELETONS)
    index = arabic_skeleton_index(watchlist)
    for declared in dict.fromkeys((words, without_salt)):
        if not declared or not enough_consonants(declared, MIN_FULLY_WRITTEN_CONSONANTS):
            continue
        # one consonant fewer than a name needs: one word, read only as a scheduled substance's name of one word whose
        # every vowel between consonants it writes (writes_every_vowel: "أسيتون", acetone), in the letters loanwords
        # are written with (review28: "قوقين" was cocaine, "طولون", Toulon, toluene, and "روناس", madder, heroin through
        # the Lithuanian "Heroinas")
        short = not enough_consonants(declared)
        if short and (len(declared) != 1 or writes_native_letters(name)):
            continue
        joined = join_sounds(declared)
        fitting = {
            substance: record
            for key, as_one in ((words_key(declared), False), ((joined[0],), True))
            for substance, latin, joined_name, record in index.get(key, ())
            if _arabic_name_fits(watchlist, declared, joined if joined_name or as_one else None, short, latin, record)
        }
        if len(fitting) != 1:
            continue  # nothing, or several substances' names: not a guess to make
        (record,) = fitting.values()
        std = _record_std(record, cache)
        if std is None:
            continue
        how = (
            f"the name '{quote_declared(name)}' in Arabic script was read by its consonants "
            f"({' '.join(w[0] for w in declared)}) as the watchlist's '{record.name}': a loanword's sounds, no source "
            "lists the spelling"
        )
        return resolved_as_record(unresolved, record, std, how)
    return unresolved


def resolve_inflected_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: DeclaredName,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when the stems of its words, without
    its grades and quantities (chemistry/inflected_names.py compute_stem_key: each word without a case ending), are
    those of the names of exactly one watchlist substance ("safrolu" is the Czech genitive of "safrol", "raudonojo
    fosforo" the Lithuanian of "raudonasis fosforas"), the letters the Union's languages write differently folded to one
    spelling ("Metilfenidat" is methylphenidate); ``unresolved`` itself otherwise. Never a name with a sign or a
    stereodescriptor (compute_stem_key), and the names found must be one entry's. As for a misspelling, nothing
    is read so without the identifier database (whether a legitimate chemical is named so could not be told), nor
    when a key of the name as written is a known name. The entry's severity is kept, and the source says the name
    was read with its case endings set aside or its letters respelt."""
    if database is None:
        return unresolved
    stem_key = compute_stem_key(name.without_trade_words)
    spelling_key = compute_spelling_key(name.without_trade_words)
    keys = dict.fromkeys(
        (
            *(watchlist.names_by_stems.get(stem_key, ()) if stem_key is not None else ()),
            # the name as written, and with the final e German, Nordic and Slavic spellings of an INN drop
            *(
                key
                for spelled in ((spelling_key, spelling_key + "e") if spelling_key is not None else ())
                for key in watchlist.names_by_spelling.get(spelled, ())
            ),
        )
    )
    if not keys:
        return unresolved
    for key in iter_keys_as_written(name.text):
        if key in watchlist.by_name or database.lookup_name_key(key) is not None:
            return unresolved  # a known name: nothing to read otherwise
    named = {key: std for key in keys if (std := _record_std(watchlist.by_name[key], cache)) is not None}
    entries = {watchlist.by_name[key].watchlist_id or tuple(sorted(watchlist.by_name[key].covers)) for key in named}
    if len(entries) != 1:
        return unresolved  # the names of several entries, or none that builds: not a guess to make
    key, std = next(iter(named.items()))
    record = watchlist.by_name[key]
    spelling = watchlist.name_spellings.get(key, record.name)
    how = (
        f"the name '{quote_declared(name.text)}' was read as the watchlist's '{quote_declared(spelling)}' with the case "
        "endings of its words set aside or its letters in the spelling of another of the Union's languages: an "
        "inflected or respelt form, no source lists it"
    )
    return resolved_as_record(unresolved, record, std, how)


def resolve_without_n_locants(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``: not the watchlist, the
    dictionary, the identifier database or OPSIN) when it is a watchlist name but for a locant N- the
    list's spelling does not write (Poland's drug list writes pentedrone "α-metyloaminowalerofenon",
    traders "α-N-metyloaminowalerofenon"); ``unresolved`` itself otherwise. The source says that the name was
    matched with the locant N- ignored."""
    found = lookup_watchlist_name_without_n_locants(watchlist, cache, name)
    if found is None:
        return unresolved
    record, stripped, std = found
    how = (
        f"the name '{quote_declared(name)}' was matched to the watchlist name '{quote_declared(stripped)}' "
        "with the locant N- ignored"
    )
    return resolved_as_record(unresolved, record, std, how)


# A name inverted as chemical inventories and CAS index names write it: a noun of one or two words, a comma and
# a space, and one or two plain words that qualify it ("Phosphorus, red", "Acid, hydrochloric"), then perhaps
# bracketed comments ("(amorphous)"). Plain words only: a particular with a hyphen, digit or bracket is a
# substituent or locant of a systematic name, which OPSIN reads ("Benzene, (2-bromoethyl)-"). Without the
# comma ("Phosphorus red") only two single words.
_INVERTED_WORDS = r"[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?"
_INVERTED_NAME_RE = re.compile(
    rf"\s*(?P<noun>{_INVERTED_WORDS})\s*,\s+(?P<qualifier>{_INVERTED_WORDS})\s*(?P<comments>(?:\([^()]*\)\s*)*)"
)
_INVERTED_PAIR_RE = re.compile(
    r"\s*(?P<noun>[^\W\d_]{2,})\s+(?P<qualifier>[^\W\d_]{2,})"
    # the solid state after the pair, as master data writes it ("PHOSPHORUS RED AMORPHOUS", the twenty-ninth held-out
    # set): what the reordered name says already
    r"(?:\s+amorph(?:ous)?)?\s*(?P<comments>(?:\([^()]*\)\s*)*)",
    re.IGNORECASE,
)


def read_inverted_name(name: str) -> str | None:
    """The name in its usual order when it is written inverted, noun first ("Phosphorus, red (amorphous)"
    -> "red Phosphorus (amorphous)", "Phosphorus red" and "PHOSPHORUS RED AMORPHOUS" -> "red Phosphorus"); None
    when it is not of that shape (_INVERTED_NAME_RE, _INVERTED_PAIR_RE)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    found = _INVERTED_NAME_RE.fullmatch(name) or _INVERTED_PAIR_RE.fullmatch(name)
    if found is None:
        return None
    return " ".join(part for part in (found["qualifier"], found["noun"], found["comments"].strip()) if part)


def resolve_glycidic_name(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it names a
    glycidate or glycidic acid by the trivial name with located substituents: the name rewritten as the
    oxirane name it stands for (rewrite_glycidic_name: "ethyl 2-methyl-3-phenylglycidate" -> "ethyl
    2-methyl-3-phenyloxirane-2-carboxylate"), looked up as a name (the lexicon, then the identifier
    database), then parsed by OPSIN (the whole, then its parts beside a bracketed synonym); ``unresolved``
    itself otherwise. The source and a note say how the name was read."""
    rewritten = rewrite_glycidic_name(name)
    if rewritten is None:
        return unresolved
    found = resolve_item(readers.watchlist, readers.cache, name=rewritten, database=readers.database)
    if found.std is None and readers.systematic_names is not None:
        found = resolve_systematic_name(readers.systematic_names, readers.cache, rewritten, found)
        if found.std is None:
            found = resolve_systematic_name_parts(
                readers.systematic_names, readers.cache, rewritten, found, readers.looks_systematic
            )
    if found.std is None:
        return unresolved
    how = f"the name '{quote_declared(name)}' was read with glycidic acid as oxirane-2-carboxylic acid, as '{quote_declared(rewritten)}'"
    return resolved_as_read(unresolved, found, how)


# The last word of a name when it is a carboxylate's: "glycidate", "phenylacetate" (at least three letters before
# "-ate", so "ate" words of two letters, such as "date", are not read).
MAX_BARE_CARBOXYLATE_CHARS = 120
_CARBOXYLIC_ACID = Chem.MolFromSmarts("[CX3](=O)[OX2H1,OX1-]")
_BARE_CARBOXYLATE_RE = re.compile(r"(?P<head>.*?)(?P<stem>(?<![^\W\d_])[^\W\d_]{3,})ates?", re.IGNORECASE | re.DOTALL)


# The same in the Romance order, the carboxylate first and the acid's head after "de" or "di" ("Glicidato de PMK",
# "glicidato di PMK"; the twenty-seventh held-out set's pch27004), read as the acid's name in that language's
# order as the watchlist's Spanish and Italian names write it ("ácido PMK glicídico", EU-OJ-2020-1737-ES).
_ROMANCE_BARE_CARBOXYLATE_RE = re.compile(
    r"(?P<stem>(?<![^\W\d_])[^\W\d_]{3,})at[oe]s?\s+d[ei]\s+(?P<head>\S.*)", re.IGNORECASE | re.DOTALL
)


# And in Polish, the carboxylate ("-an") first and the acid's head after it ("glicydan BMK", the fifty-ninth held-out
# set's pch59006, as the Polish customs service wrote it), read as the acid's name the watchlist's Polish names write
# ("kwas glicydowy BMK", PL-GIF-2020).
# A cation between them names a salt of the acid ("glicydan sodu BMK", sodium BMK glycidate: review36), the acid's too.
_POLISH_BARE_CARBOXYLATE_RE = re.compile(
    r"(?P<stem>(?<![^\W\d_])[^\W\d_]{3,})an(?:\s+(?:sodu|potasu|litu|wapnia|magnezu|amonu))?\s+(?P<head>\S.*)",
    re.IGNORECASE | re.DOTALL,
)


def _bare_carboxylate_acid_names(name: str) -> list[str]:
    """The acid names a bare carboxylate name stands for: "BMK glycidate" -> "BMK glycidic acid"; "Glicidato de
    PMK" -> "ácido PMK glicídico" spelt without accents (the name keys fold them), and its other orders; "glicydan
    BMK" -> "kwas glicydowy BMK"."""
    found = _BARE_CARBOXYLATE_RE.fullmatch(name)
    names = [f"{found['head']}{found['stem']}ic acid"] if found is not None else []
    romance = _ROMANCE_BARE_CARBOXYLATE_RE.fullmatch(name)
    if romance is not None:
        stem, head = romance["stem"], romance["head"]
        names += [f"acido {head} {stem}ico", f"acido {stem}ico de {head}"]
    polish = _POLISH_BARE_CARBOXYLATE_RE.fullmatch(name)
    if polish is not None:
        names.append(f"kwas {polish['stem']}owy {polish['head']}")
    return names


def resolve_bare_carboxylate_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    without_trade_words: str | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is a watchlist acid's
    carboxylate name with neither an ester's alcohol nor a salt's cation ("BMK glycidate": vendors' shorthand
    that does not say which ester or salt): the watchlist acid ("BMK glycidic acid"), whose every salt and
    ester is the acid or a one-step mask of it; ``unresolved`` itself otherwise (an ester or salt named in
    full, "methyl phenylacetate", is no watchlist name once rewritten, and an unlisted acid is left alone).
    No source lists the name: the source says how it was read. ``without_trade_words``: strip_trade_words of the
    name, when the caller has it (read_unresolved_name's DeclaredName)."""
    if without_trade_words is None:
        without_trade_words = strip_trade_words(name)
    cleaned = without_trade_words.strip(" ,;.")
    # short names only: the rewritten name is looked up by every key reading again (review21)
    if len(cleaned) > MAX_BARE_CARBOXYLATE_CHARS:
        return unresolved
    record, acid = None, ""
    for acid in _bare_carboxylate_acid_names(cleaned):
        record, _ = lookup_name_record(watchlist, cache, acid)
        if record is not None:
            break
    if record is None or not _is_watchlist_record(record):
        return unresolved
    std = _record_std(record, cache)
    if std is None or not std.mol.HasSubstructMatch(_CARBOXYLIC_ACID):
        # a carboxylate is a carboxylic acid's: "hydrochlorate" does not name hydrochloric acid's salt so
        return unresolved
    how = (
        f"the name '{quote_declared(name)}' names a salt or ester of {record.name} without saying which, and was "
        f"read as the acid ('{quote_declared(acid)}'); no source lists the name"
    )
    return resolved_as_record(unresolved, record, std, how)


def resolve_structure_identifier_in_name(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a name field that holds a structure identifier instead of a name
    (chemistry/identifiers.py read_structure_identifier): a standard InChI, with or without its "InChI="
    prefix, read as the InChI field is; an InChIKey looked up among the watchlist's entries (their structures'
    full keys), then in the identifier database; a SMILES string (chemistry/identifiers.py looks_like_smiles) read as
    the SMILES field is, when RDKit reads it. ``unresolved`` itself otherwise: an InChIKey is a hash, so a key no
    source holds names nothing. The notes say the name field was read as such an identifier, and
    ``name_is_structure`` that the goods were named by it."""
    memo = unresolved.name_structure_identifier
    # read once: resolve_item read the same field before it looked it up as a name
    found = memo[1] if memo is not None and memo[0] == name else read_structure_identifier(name)
    if found is None and looks_like_smiles(name):
        # a SMILES string (the ephedrine of "CN[C@@H](C)[C@H](O)c1ccccc1" had been no substance at all): read as the
        # SMILES field is, and taken only when RDKit reads it
        read = resolve_item(readers.watchlist, readers.cache, smiles=name.strip())
        how = f"the name field holds a SMILES string: '{quote_declared(name)}' was read as one"
        if read.std is None:
            return unresolved
        return replace(resolved_as_read(unresolved, read, how), name_is_structure=True)
    if found is None:
        return unresolved
    kind, value = found
    if kind == "inchi":
        read = resolve_item(readers.watchlist, readers.cache, inchi=value)
        how = f"the name field holds an InChI: '{quote_declared(name)}' was read as '{quote_declared(value)}'"
        if read.std is None:
            return unresolved
        return replace(resolved_as_read(unresolved, read, how), name_is_structure=True)
    entry = readers.watchlist.by_inchikey.get(value)
    if entry is not None:
        read = resolve_item(readers.watchlist, readers.cache, smiles=entry.entry.smiles)
        source = f"watchlist ({entry.id}, by its structure's InChIKey)"
    elif readers.database is not None and (record := readers.database.lookup_inchikey_indexed(value)) is not None:
        read = resolve_item(readers.watchlist, readers.cache, smiles=record.smiles)
        source = f"{record.source} (by InChIKey)"
    else:
        return unresolved
    if read.std is None:
        return unresolved
    how = f"the name field holds an InChIKey: '{quote_declared(value)}' was looked up as one"
    return replace(read, resolved_by="name", source=f"{source} ({how})", source_notes=[*unresolved.source_notes, how],
                   invalid=[*unresolved.invalid, *read.invalid], name_is_structure=True)


def regulatory_number_candidate(watchlist: Watchlist, text: str) -> tuple[Candidate, str] | None:
    """The candidate a field that is a watchlist entry's EC number or CLP index number names, and a note saying
    so; None when the field is not one (chemistry/regulatory_numbers.py)."""
    number = read_ec_number(text) or read_index_number(text)
    row = watchlist.regulatory_numbers.get(number) if number is not None else None
    if row is None:
        return None
    entry = watchlist.by_id[row.entry_id]
    kind = "EC number" if row.kind == "ec" else "CLP Annex VI index number"
    how = f"'{quote_declared(text)}' is the {kind} {row.number} of {entry.entry.name} ({row.source}: {row.notes})"
    source = f"watchlist ({entry.id}, by its {kind} {row.number}; {row.source})"
    return ("cas", entry.std, entry.entry.name, row.number, source), how


def resolve_regulatory_number(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a name field that nothing resolved (``unresolved``) when the whole field is an EC number or
    a CLP Annex VI index number of a watchlist entry (regulatory_number_candidate); ``unresolved`` otherwise."""
    found = regulatory_number_candidate(watchlist, name)
    if found is None:
        return unresolved
    (_, std, entry_name, _, source), how = found
    return replace(
        unresolved, resolved_by="name", std=std, name=entry_name, source=source, source_notes=[*unresolved.source_notes, how]
    )


def resolve_acetal_name(
    readers: NameReaders, name: str, unresolved: Resolution, without_trade_words: str | None = None
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it is an acetal's
    functional-class name ("piperonal dimethyl acetal"; chemistry/acetal_names.py split_acetal_name): the
    named aldehyde or ketone resolved as a name (the lexicon, then the identifier database) and its only
    carbonyl made the acetal (build_acetal_structure); ``unresolved`` itself otherwise. No source lists the
    name: the source and a note say how it was read. ``without_trade_words``: strip_trade_words of the name, when
    the caller has it (read_unresolved_name's DeclaredName)."""
    if without_trade_words is None:
        without_trade_words = strip_trade_words(name)
    split = split_acetal_name(without_trade_words.rstrip(" ,;."))
    if split is None:
        return unresolved
    parent = resolve_item(readers.watchlist, readers.cache, name=split.parent, database=readers.database)
    if parent.std is None:
        return unresolved
    smiles, _ = build_acetal_structure(Chem.MolFromSmiles(parent.std.iso_key), split.alcohol, split.ketal)
    std, _ = standardise_in_cache(readers.cache, smiles) if smiles is not None else (None, "")
    if std is None:
        return unresolved
    parent_name = parent.name or split.parent
    how = describe_acetal_reading(quote_declared(name), split.alcohol, parent_name)
    return replace(resolved_as_read(unresolved, parent, how), std=std, name=None, also_declared=(), ambiguous=[])


def resolve_dangerous_goods_name(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it is a dangerous-goods
    description (chemistry/identifiers.py read_dangerous_goods_name): the proper shipping name left once the
    UN number before it and the transport particulars after it are set aside ("UN1090 ACETONE, 3, II" is
    acetone), read by the sources and then by the other last-resort readings ("UN1338 PHOSPHORUS, ..., 4.1,
    III" by the inverted name); else the technical names in brackets after an n.o.s. entry ("UN1993 FLAMMABLE
    LIQUID, N.O.S. (toluene, acetone), 3, II": find_technical_names). ``unresolved`` itself otherwise: the UN
    number is never looked up, since it names an entry of the Dangerous Goods List, not a substance
    ("UN1993 FLAMMABLE LIQUID, N.O.S." names nothing). The source and a note say which words were read."""
    shipping_name = read_dangerous_goods_name(name)
    if shipping_name is None:
        return unresolved
    for words in (shipping_name, find_technical_names(shipping_name)):
        if words is None:
            continue
        found = resolve_item(readers.watchlist, readers.cache, name=words, database=readers.database)
        if found.std is None:
            found = read_unresolved_name(readers, words, found)
        if found.std is not None:
            how = (
                f"the name was read as a dangerous-goods description, as '{quote_declared(words)}' (the UN number "
                "and the transport particulars set aside)"
            )
            return resolved_as_read(unresolved, found, how)
    return unresolved


def resolve_inverted_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    without_trade_words: str | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when, read in the
    usual order (read_inverted_name: "Phosphorus, red" -> "red Phosphorus"), it is a name of the lexicon (the
    watchlist, its names in the EU's languages, the common-chemicals dictionary); ``unresolved`` itself
    otherwise. Not the identifier database: across its 800,000 names two words swapped may meet another
    substance's name, and the lexicon's names are the ones a reordering is meant to find. The source
    says the name was read inverted. ``without_trade_words``: strip_trade_words of the name, when the caller has it
    (read_unresolved_name's DeclaredName)."""
    if says_absent(name):  # a field saying something is absent ("without", "ohne", "-free") is no name to reorder
        return unresolved
    # as written, else once quantities, grades and packs are set aside ("Phosphorus, red, 25 kg drums")
    reordered = read_inverted_name(name)
    if reordered is None:
        stripped = strip_trade_words(name) if without_trade_words is None else without_trade_words
        reordered = read_inverted_name(stripped.rstrip(" ,;."))
    if reordered is None:
        return unresolved
    record, _ = lookup_name_record(watchlist, cache, reordered)
    std = _record_std(record, cache) if record is not None else None
    if std is None:
        return unresolved
    how = f"the name '{quote_declared(name)}' was read inverted, as '{quote_declared(reordered)}'"
    return resolved_as_record(unresolved, record, std, how)


def resolve_name_head(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) read from its head:
    the words before its particulars or before the words saying what the goods are sold as or for
    (find_name_head: "3-CMC crystal 5 g, research chemical, not for human consumption" is 3-CMC), as a
    goods description's head is read (resolve_description). ``unresolved`` itself when the head names
    nothing, or when the rest may change what the head means:
    - the field says something is absent ("free of", "-free", "without": says_absent), which may be the
      head's substance;
    - a part of the rest names a substance other than the head's (both would be declared: not a guess
      to make here);
    - the head with its first particular names another substance ("Phosphorus, red" is not phosphorus).
    The source and a note say which words were read."""
    head = find_name_head(name)
    if head is None:
        return unresolved
    how = f"the name was read from its head '{quote_declared(head)}', the words before the rest of the name field"
    return _resolve_from_head(watchlist, cache, name, head, unresolved, database, how)


def _resolve_from_head(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    head: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
    how: str,
    listed_only: bool = False,
    scheduled_only: bool = False,
) -> Resolution:
    """The resolution of the name field ``name`` read from its ``head`` (resolve_name_head, resolve_head_with_share,
    resolve_before_purpose),
    its source and notes saying ``how``; ``unresolved`` itself when the field says something is absent, the head
    names nothing (or, ``listed_only``, no watchlist entry), a part of the rest names another substance, or the
    head with its first particular names another substance; with ``scheduled_only``, when the head names no scheduled
    precursor."""
    if says_absent(name):
        return unresolved
    by_head = resolve_item(watchlist, cache, name=head, database=database)
    if (
        by_head.std is None
        or (listed_only and not watchlist.by_key.get(by_head.std.key))
        or (scheduled_only and not _names_scheduled(watchlist, by_head.std))
    ):
        return unresolved
    rest = name[len(head) :]
    parts = split_description_particulars(rest.strip(" ,;"))
    longer = split_description_particulars(name)
    if len(longer) > 1:
        parts.append(", ".join(longer[:2]))
    for part in parts[: MAX_ALSO_DECLARED + 1]:
        other = resolve_item(watchlist, cache, name=part, database=database)
        if other.std is not None and other.std.key != by_head.std.key:
            return unresolved
    return resolved_as_read(unresolved, by_head, how)


def resolve_before_purpose(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) read from its words before a word
    for "for" and the goods' use (find_text_before_purpose: "Potassium permanganate for water treatment"), when they
    name a watchlist entry and no part of the use names another substance (_resolve_from_head: "Reagent for ephedrine
    testing" names no entry before "for"); ``unresolved`` itself otherwise. The source and a note say which words were
    read."""
    head = find_text_before_purpose(name)
    if head is None:
        return unresolved
    how = f"the name was read from its words '{quote_declared(head)}' before what the goods are for"
    # a scheduled precursor only: a drug's street name before "for" is an everyday word ("Speed for bicycles", "Horse
    # for kids": review28b H1)
    return _resolve_from_head(watchlist, cache, name, head, unresolved, database, how, scheduled_only=True)


def resolve_before_based(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) read from its words before "based"
    when a dose form follows (find_text_before_based: "Codeine Based Cough Syrup (CBCS) Dialex DC 100 ml" ->
    "Codeine"), when they name a watchlist entry and no part of the rest names another substance (_resolve_from_head);
    ``unresolved`` itself otherwise. The source and a note say which words were read."""
    head = find_text_before_based(name)
    if head is not None:
        how = f"the name was read from its words '{quote_declared(head)}' before 'based', what the medicine is made from"
    elif (after := find_text_after_base_of(name)) is not None:
        head, phrase = after
        how = f"the name was read from its words '{quote_declared(head)}' after '{phrase}', what the medicine is made from"
    else:
        return unresolved
    return _resolve_from_head(watchlist, cache, name, head, unresolved, database, how, listed_only=True)


def resolve_head_with_share(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) read from its first part
    when that part states its share and names a watchlist entry, whatever the particulars after it say
    (find_head_with_share: "acide chlorhydrique 33 %, inhibiteur de corrosion", the twenty-first held-out set's
    pch21072, named nothing: the head reading stops at particulars that are not use or pack words). ``unresolved``
    itself on the head reading's conditions (_resolve_from_head: nothing absent, no other substance in the rest),
    or when the head names no watchlist entry: any words may follow a share, so the reading is kept to what is
    screened for. The source and a note say which words were read."""
    head = find_head_with_share(name)
    if head is not None:
        how = (
            f"the name was read from its first part '{quote_declared(head)}', which states its share, before the "
            "particulars of the name field"
        )
        return _resolve_from_head(watchlist, cache, name, head, unresolved, database, how, listed_only=True)
    # A Category 1 substance or a drug dissolved in a solvent, below half of the solution ("PMK glycidate 30 % in
    # PEG-400", "N-Phenethyl-4-piperidone 10 % in ethanol": the sixtieth held-out set; seizures report Category 1
    # precursors dissolved to pass as other goods): a mixture from which the substance is easily recovered is the
    # substance (Regulation (EC) No 273/2004, Art. 2(a)). Not a Category 2 or 3 substance ("Toluene 5 % in
    # concentrate", review22c), and not a trace (find_head_before_solvent).
    # The same solution named after a word for "containing" ("Heliotrope fragrance base containing heliotropin 20 %
    # in DPG": find_constituent_before_solvent), when the whole head names nothing.
    for before in (find_head_before_solvent(name), find_constituent_before_solvent(name)):
        if before is None:
            continue
        how = (
            f"the name was read from '{quote_declared(before[0])}', a Category 1 substance or a drug in a solvent "
            f"({before[1]:g} %), which is easily recovered from it"
        )
        # from the constituent on: what follows it is the rest the head reading checks (the words before "containing"
        # are the goods' own name, which named nothing)
        solution = name[name.rfind(before[0]) :]  # the constituent's own words, after the word for "containing"
        found = _resolve_from_head(watchlist, cache, solution, before[0], unresolved, database, how, listed_only=True)
        if found.std is not None and _is_category_1_or_drug(watchlist, found.std):
            return found
    return unresolved


def _is_category_1_or_drug(watchlist: Watchlist, std: Standardised) -> bool:
    return any(
        c.entry.tier == "drug" or (c.entry.tier == "scheduled" and c.entry.category == "1")
        for c in watchlist.by_key.get(std.key, ())
    )


# Leading words that are part of a chemical name, never a trade name to set aside ("Methyl ephedrine" is not
# ephedrine, "Pseudo ephedrine" not ephedrine, "Acido fenilacetico" is the acid), in the languages the names
# are declared in; a word the lexicons know is never set aside either (resolve_after_trade_name).
CHEMICAL_NAME_WORDS = frozenset(
    word
    for line in (
        "methyl ethyl propyl butyl pentyl hexyl phenyl benzyl phenethyl acetyl propionyl butyryl formyl",
        "metil etil propil fenil bencil benzil acetil metyl etyl fenyl metylo etylo fenylo acetylo",
        "nor pseudo dextro levo iso neo sec tert cis trans alpha alfa beta gamma delta rac racemic dl",
        "di tri tetra mono bis hydroxy methoxy ethoxy chloro bromo fluoro iodo nitro amino oxo keto des desmethyl",
        "dehydro dihydro tetrahydro hexahydro deoxy desoxy oxy ortho meta para",
        "acid acide acido ácido acidum kwas kyselina säure saeure zuur syra rūgštis hape",
        "sodium natrium potassium kalium calcium magnesium ammonium lithium sodio potasio sodique potassique",
        "hydrochloride hydrochlorid chlorhydrate clorhidrato cloridrato sulfate sulphate sulfat tartrate",
        "oil essence extract solution salt base free",
    )
    for word in line.split()
)
MAX_TRADE_NAME_WORDS = 2
_LEADING_WORD_RE = re.compile(r"\s*([^\W\d_]{3,})\s+")


def resolve_after_trade_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when a medicine's
    trade name comes before a watchlist substance's name: "Xanax alprazolam 0.5 mg tablets", "Valium
    diazepam 10 mg", "MST Continus morphine sulfate 30 mg" (the twenty-first held-out set: 11 of its 23
    controlled medicines were declared so, none identified). Up to MAX_TRADE_NAME_WORDS leading words are set
    aside, each only when it is a word of letters (3 or more), no chemical name word (CHEMICAL_NAME_WORDS:
    "Methyl ephedrine" is not ephedrine), and either unknown to every lexicon (the watchlist, the dictionary,
    the identifier database) or known as the very substance the rest names (the database holds "Xanax" as
    alprazolam's synonym), and no substituent word ending in -yl ("Heliotropyl acetone", a fragrance, is
    no acetone: the eighteenth session's set 16 row nlh16010 was read so at first); and the rest is read as a
    name (resolve_item) and kept only when it names a controlled drug (the drug tier): a trade name precedes a
    medicine's INN, while a word before a chemical's name is more likely part of another name.
    Without the identifier database nothing is read so (whether a word is a name could not be told). The
    source and a note say which words were set aside as a trade name."""
    if database is None or says_absent(name):
        return unresolved
    rest = name
    dropped: list[str] = []
    synonyms: list[str] = []  # the structure keys of the words set aside that a lexicon knows
    for _ in range(MAX_TRADE_NAME_WORDS):
        found_word = _LEADING_WORD_RE.match(rest)
        if found_word is None:
            return unresolved
        word = found_word.group(1)
        if word.lower() in CHEMICAL_NAME_WORDS or word.lower().endswith(("yl", "yle", "ylo")):
            return unresolved  # a chemical word, or a substituent ("Heliotropyl acetone" is no acetone)
        # A word a lexicon knows is set aside only as a synonym of what the rest names ("Xanax", alprazolam's
        # trade name in the identifier database, before "alprazolam"), never as a word of another name.
        known = resolve_item(watchlist, cache, name=word, database=database)
        if known.std is not None:
            synonyms.append(known.std.key)
        dropped.append(word)
        rest = rest[found_word.end() :]
        found = resolve_item(watchlist, cache, name=rest, database=database)
        if found.std is None:
            continue
        if not any(c.entry.tier == "drug" for c in watchlist.by_key.get(found.std.key, [])):
            return unresolved  # trade names precede medicines' INNs: a chemical's name after a word is another name
        if is_drug_product_source(found.source) or is_drug_product_source(known.source):
            # a drug's plant product after a word is a brand's name ("Black Opium", a perfume); a drug's plant product
            # set aside is no trade name ("Raw opium 10% morphine": review38), read as the product with its grade
            return unresolved
        if any(key != found.std.key for key in synonyms):
            return unresolved  # a word set aside names another substance: two were declared, or one longer name
        how = (
            f"the name was read after the words '{quote_declared(' '.join(dropped))}', set aside as a trade name "
            "no lexicon knows"
        )
        return resolved_as_read(unresolved, found, how)
    return unresolved


# An article code as ERP master data writes it beside a name: one to five letters, a hyphen or space or nothing, four
# to twelve digits and perhaps a variant suffix ("RM-4742", "RM 4742", "ABCDE-4742-01"), before the name (then a
# space, or a hyphen or slash before a word) or after it; never a UN number (the dangerous-goods reading's). The
# numbers of six digits or more beside it are identifiers.strip_material_numbers' (strip_trade_words sets aside only
# those that fail the CAS check digit).
_CODE = r"(?!un\s?\d{4}\b)[^\W\d_]{1,5}[-\s]?\d{4,12}(?:-\d{1,3})?"
_LEADING_CODE_RE = re.compile(rf"^\s*(?:{_CODE}(?:\s+|[-/](?=[^\W\d_]))|\d{{6,30}}[-/](?=[^\W\d_]))", re.IGNORECASE)
_TRAILING_CODE_RE = re.compile(rf"(?:(?<=\s)|(?<=[^\W\d_][-/])){_CODE}\s*$", re.IGNORECASE)


def strip_codes_beside_name(watchlist: Watchlist, cache: StructureCache, name: str) -> str | None:
    """``name`` without the article code before or after it and the numbers of six digits or more beside it
    (_LEADING_CODE_RE, _TRAILING_CODE_RE, strip_material_numbers); None when it has none, when nothing of two letters is
    left, or when a code is itself a name of the lexicon ("U-47700 mannitol" is the drug and its cutting agent, not
    mannitol: review23b G3)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    codes = [found[0] for pattern in (_LEADING_CODE_RE, _TRAILING_CODE_RE) if (found := pattern.search(name))]
    if any(lookup_name_record(watchlist, cache, code.strip(" -/"))[0] is not None for code in codes):
        return None
    rest = strip_material_numbers(_TRAILING_CODE_RE.sub(" ", _LEADING_CODE_RE.sub(" ", name)))
    rest = " ".join(rest.split()).strip(" -/,;")
    if rest == " ".join(name.split()) or not re.search(r"[^\W\d_]{2}", rest):
        return None
    return rest


def read_spreadsheet_cas(watchlist: Watchlist, text: str) -> tuple[str, str] | None:
    """read_cas_from_spreadsheet_date, a serial number only when it gives a watchlist entry's CAS number: a number
    of six or seven digits may be a product code (dates a real date may have are never read there)."""
    dated = read_cas_from_spreadsheet_date(text)
    return dated if dated is not None and ("serial" not in dated[1] or dated[0] in watchlist.by_cas) else None


def resolve_mangled_name(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) once the marks software leaves
    are put back (repair_mangled_text) or a SMILES string broken by a space is joined (join_wrapped_smiles), the
    text then read as a declared name is and by every other last-resort reading (not this one again); ``unresolved``
    itself otherwise."""
    # (text, how it was read, whether the readings of words may read it too): a joined SMILES string is read only as
    # a structure; the words of "NEP (N-ethylpentedrone) 5 g" are read as words, unjoined (review31)
    readings: list[tuple[str, str, bool]] = []
    repaired = repair_mangled_text(name)
    if repaired != name:
        readings.append((repaired, "with the marks software leaves in text put back (entities, escapes, encoding)", True))
    joined = join_wrapped_smiles(name)
    if joined is not None and looks_like_smiles(joined):
        readings.append((joined, "as a SMILES string broken by white space, joined again", False))
    cas = repair_mangled_cas(name)
    if cas is not None:
        readings.append((cas, "as the CAS number a spreadsheet had written so (thousands separators, a dropped zero)", True))
    dated = read_spreadsheet_cas(readers.watchlist, name)
    if dated is not None:
        readings.append((dated[0], f"as the CAS number {dated[0]}, of which the field is {dated[1]}", True))
    for text, what, read_as_words in readings:
        found = resolve_item(readers.watchlist, readers.cache, name=text, database=readers.database)
        if found.std is None:
            # every reading but this one: the repaired text is read once, never repaired again (review24 H2: nested
            # escapes re-entered it once per layer, and a dangerous-goods name's readings multiplied each level)
            further = LAST_RESORT_NAME_READINGS[1:] if read_as_words else _STRUCTURE_NAME_READINGS
            found = read_unresolved_name(readers, text, unresolved, further)
        if found.std is not None:
            how = f"the name '{quote_declared(name)}' was read as '{quote_declared(text)}', {what}"
            return resolved_as_read(unresolved, found, how)
    return unresolved


def resolve_without_codes(readers: NameReaders, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) once the article code before or
    after it and the numbers of six digits or more beside it are set aside (_LEADING_CODE_RE, _TRAILING_CODE_RE,
    strip_material_numbers: "RM-4742 PIPERONAL KRIST.", "ISOSAFROL 29329100", review23 F3-F5), read as a name field is;
    ``unresolved`` itself when there is none or what is left names nothing. The source and a note say what was set
    aside."""
    rest = strip_codes_beside_name(readers.watchlist, readers.cache, name)
    if rest is None:
        return unresolved
    how = f"the name '{quote_declared(name)}' was read without the codes and numbers beside it, as '{quote_declared(rest)}'"
    return resolved_by_looking_up(readers, rest, unresolved, how)


# A label before a colon and what it labels: one to MAX_LABEL_WORDS words of letters ("kit contents", "Actifed
# Rhume", "Inhalt"), no digit, then a colon and a space. A colon with no space after it is left alone: it is
# part of a name or a ratio ("1:1", "Vitamin B12:cobalamin").
MAX_LABEL_WORDS = 3
_LABEL_BEFORE_COLON_RE = re.compile(
    rf"\s*(?P<label>[^\W\d_]{{2,}}(?:[ \-][^\W\d_]{{2,}}){{0,{MAX_LABEL_WORDS - 1}}})\s*:\s+(?P<rest>\S.*)", re.DOTALL
)
# ... or a dash with spaces around it, as a product's description is set before what it declares ("Ephedra sinica
# extract - ephedrine HCl 98%": the thirty-ninth session's "not read"): words of letters only, as a label's, and a
# space on both sides of the dash, so no hyphen inside a name ("N-Boc-4-AP", "Ephedrine-HCl") is read as one.
# A label that says the goods are a test or a reagent for detecting what follows ("Rapid test cassette - Morphine",
# "Drug test strip: Cocaine", "Control serum - Methadone": review42 F2): in-vitro diagnostics and their controls and
# calibrators, which name the drug they detect, not goods made of it. English words, ours.
_DIAGNOSTIC_LABEL_RE = re.compile(
    r"\b(?:tests?|testing|assays?|cassettes?|strips?|dipsticks?|cups?|calibrators?|controls?|qc|serum|"
    r"immunoassays?|elisa|screens?|screening|detection|detectors?|antibod(?:y|ies)|diagnostics?|urine|saliva)\b",
    re.IGNORECASE,
)
_LABEL_BEFORE_DASH_RE = re.compile(
    rf"\s*(?P<label>[^\W\d_]{{2,}}(?:[ \-][^\W\d_]{{2,}}){{0,{MAX_LABEL_WORDS}}})\s+[\-\u2013\u2014]\s+(?P<rest>\S.*)",
    re.DOTALL,
)


# A safety data sheet copied into the name field: its numbered sections (Reg. (EC) 1907/2006 Annex II, as
# replaced by Reg. (EU) 2020/878, and the GHS's Annex 4 number sixteen: "SECTION 1: Identification of the
# substance/mixture and of the company/undertaking", "SECTION 3: Composition/information on ingredients"), a
# section's number perhaps with a subsection's ("1.1"), its title of up to MAX_SDS_TITLE_WORDS words of letters
# (section 1's, the longest, has ten), and a colon; or the labels that name the product in section 1 ("Product
# identifier", "Product name", "Trade name", "Substance name"). Nothing else before a colon is read as an SDS's
# label, so no long prefix of other words is set aside.
MAX_SDS_TITLE_WORDS = 10
MAX_SDS_LABELS = 8
_SDS_LABEL_RE = re.compile(
    rf"(?:\bsection\s*\d{{1,2}}(?:\.\d{{1,2}})?(?:\s+(?P<title>[^\W\d_]{{2,}}(?:[ /\-][^\W\d_]{{2,}}){{0,{MAX_SDS_TITLE_WORDS - 1}}}))?"
    r"|\b(?:product\s+identifier|product\s+name|trade\s+name|substance\s+name))\s*:\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SdsSections:
    """A name field read as a safety data sheet's labelled parts (find_sds_sections)."""

    labels: tuple[str, ...]  # as written, without their colons
    titles: tuple[str, ...]  # the sections' titles of words, when written ("Product identifier")
    parts: tuple[str, ...]  # the text after each label up to the next, when not empty


def find_sds_sections(text: str) -> SdsSections | None:
    """A name field that begins with a safety data sheet's label (_SDS_LABEL_RE: "SECTION 1 Product identifier:",
    "SECTION 3:", "Product name:") read as its labels and the parts after each up to the next label, without the
    separators around them ("SECTION 1 Product identifier: Safrole; SECTION 3: 5-(2-propenyl)-1,3-benzodioxole
    100 %" -> "Safrole", "5-(2-propenyl)-1,3-benzodioxole 100 %"); None when it does not begin with one, has more
    than MAX_SDS_LABELS or no part, or is longer than a name is read (MAX_CLEANED_NAME_CHARS)."""
    if len(text) > MAX_CLEANED_NAME_CHARS:
        return None
    labels = list(_SDS_LABEL_RE.finditer(text))
    if not labels or text[: labels[0].start()].strip() or len(labels) > MAX_SDS_LABELS:
        return None
    ends = [label.start() for label in labels[1:]] + [len(text)]
    parts = [text[label.end() : end].strip(" \t\r\n;,.|") for label, end in zip(labels, ends, strict=True)]
    if not any(parts):
        return None
    return SdsSections(
        tuple(label[0].strip(" :") for label in labels),
        tuple(label["title"] for label in labels if label["title"]),
        tuple(part for part in parts if part),
    )


def _resolve_sds_sections(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    sections: SdsSections,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The name field read as a safety data sheet's parts (resolve_after_label): the parts read as a mixture's
    substances are ("Safrole; 5-(2-propenyl)-1,3-benzodioxole 100 %"; resolve_item), on the conditions of a label
    before a colon: nothing said absent, no section's title naming a substance the parts do not declare ("SECTION 1
    Toluene: acetone" may declare both, or be no SDS at all)."""
    if says_absent(name):
        return unresolved
    by_parts = resolve_item(watchlist, cache, name="; ".join(sections.parts), database=database)
    if by_parts.std is None:
        return unresolved
    declared = {by_parts.std.key, *(d.std.key for d in by_parts.also_declared)}
    for title in sections.titles:
        by_label = resolve_item(watchlist, cache, name=title, database=database)
        if by_label.std is not None and by_label.std.key not in declared:
            return unresolved
    quoted = ", ".join(f"'{quote_declared(label)}'" for label in sections.labels)
    how = f"the name was read after the labels {quoted}, set aside as a safety data sheet's section labels"
    return resolved_as_read(unresolved, by_parts, how)


def resolve_after_precursor_word(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when a word saying the goods are a
    drug precursor comes before or after a precursor's name ("précurseur PMK", "Grundstoff BMK", "PMK precursor": the
    fifty-ninth held-out set's pch59020; chemistry/identifiers.py strip_precursor_word): the watchlist's scheduled or
    designer precursor the rest names. ``unresolved`` itself when the rest names no watchlist entry, or a controlled
    drug: "GHB precursor" is GBL or 1,4-butanediol, "TMA precursor" trimethylaluminium as the semiconductor trade sells
    it, "DMT precursor" anything but DMT (review36); the word says the goods are not the drug. After the name, the
    word may mean a precursor of it ("PMK precursor"): read as the precursor named, the source says how."""
    stripped = strip_precursor_word(name)
    if stripped is None:
        return unresolved
    record, _ = lookup_name_record(watchlist, cache, stripped)
    std = _record_std(record, cache) if record is not None and _is_watchlist_record(record) else None
    entries = watchlist.by_key.get(std.key, []) if std is not None else []
    if not entries or any(compiled.entry.tier == "drug" for compiled in entries):
        return unresolved
    how = (
        f"the name '{quote_declared(name)}' was read as {record.name}, the word saying the goods are a precursor set "
        "aside (after the name it may mean a precursor of it); no source lists the name"
    )
    return resolved_as_record(unresolved, record, std, how)


def resolve_after_label(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when a label and a
    colon come before what it declares: "kit contents: potassium permanganate 500 g, sulphuric acid 1 l", a
    medicine's brand before its composition, "Actifed Rhume: paracétamol, pseudoéphédrine, triprolidine" (the
    twenty-first held-out set's pch21065 and pch21007, neither identified: the label made the list's first part
    a name no source knows). A safety data sheet's labels are read too, each part after a label up to the next
    (find_sds_sections: "SECTION 1 Product identifier: Safrole; SECTION 3: 5-(2-propenyl)-1,3-benzodioxole
    100 %", the twenty-fourth held-out set's pch24053). Otherwise the label is one to MAX_LABEL_WORDS words of
    letters (_LABEL_BEFORE_COLON_RE), or up to one more before a dash with spaces around it ("Ephedra sinica extract -
    ephedrine HCl 98%": _LABEL_BEFORE_DASH_RE) that names nothing itself ("Sassafras oil – Safrole 85%" is two names
    of the same goods, read as the natural product by a later reading), and never one that says the goods are a test
    for what follows ("Rapid test cassette - Morphine": _DIAGNOSTIC_LABEL_RE); the rest is read as a name field is (resolve_item: a name, a list of
    several, a CAS number). ``unresolved`` itself when the rest names nothing, when the field says something is absent (says_absent: "free of:
    ephedrine"), or when the label names a substance the rest does not declare (two substances would be
    declared, or the label is part of a name: not a guess to make here). The source and a note say which
    words were set aside as a label."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return unresolved
    sections = find_sds_sections(name)
    if sections is not None:
        return _resolve_sds_sections(watchlist, cache, name, sections, unresolved, database)
    found = _LABEL_BEFORE_COLON_RE.fullmatch(name) or _LABEL_BEFORE_DASH_RE.fullmatch(name)
    if found is None or says_absent(name) or _DIAGNOSTIC_LABEL_RE.search(found["label"]):
        return unresolved
    by_rest = resolve_item(watchlist, cache, name=found["rest"], database=database)
    if by_rest.std is None:
        return unresolved
    by_label = resolve_item(watchlist, cache, name=found["label"], database=database)
    declared = {by_rest.std.key, *(d.std.key for d in by_rest.also_declared)}
    if by_label.std is not None and by_label.std.key not in declared:
        return unresolved
    by_dash = found.re is _LABEL_BEFORE_DASH_RE
    if by_dash and by_label.std is not None:
        return unresolved  # two names either side of a dash, not a label: the readings after this one read them
    mark = "a dash" if by_dash else "a colon"
    how = f"the name was read after the words '{quote_declared(found['label'])}', set aside as a label before {mark}"
    return resolved_as_read(unresolved, by_rest, how)


MAX_OCR_LOOKUPS = 16  # spellings looked up per name, the most places put back first
# Spellings looked up in the identifier database when no watchlist name was found: each is a whole resolution of a name
# (a few milliseconds), and only spellings that put back digits read inside words ("Methy1"), the confusion no word has
MAX_OCR_DATABASE_LOOKUPS = 4
_OCR_DIGIT_CONFUSIONS = frozenset({"1 for l", "0 for o"})


def resolve_ocr_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None = None,
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when, with the characters OCR
    confuses put back (chemistry/ocr_names.py ocr_respellings), it names exactly one watchlist substance, as a
    declared name is looked up (lookup_name_record: salt words, grades and quantities read as ever); else, with the
    identifier database, when the spellings that put back only digits read inside words ("Methy1 2-acetamido-
    benzoate", a mask of N-acetylanthranilic acid: the thirty-eighth held-out set's pmh38012) name exactly one
    substance there (_resolve_ocr_name_in_database); ``unresolved`` otherwise. The source says which characters were
    put back."""
    found: dict[str, tuple[str, tuple[str, ...], LexiconRecord, Standardised]] = {}
    written = words_of(name)
    looked_up = 0
    for spelling, said in ocr_respellings(name):
        # Only a spelling whose changed words are words of watchlist names is looked up: a look-up costs a few
        # milliseconds, and a text with six such places has 63 spellings
        made = words_of(spelling) - written
        if not made <= watchlist.name_words:
            continue
        if looked_up == MAX_OCR_LOOKUPS:
            break  # the spellings with the most places put back were looked up first
        looked_up += 1
        record, _ = lookup_name_record(watchlist, cache, spelling)
        if record is None or not _is_watchlist_record(record):
            continue
        std = _record_std(record, cache)
        if std is not None:
            found.setdefault(std.key, (spelling, said, record, std))  # the spelling with the most put back, for the note
    if not found and database is not None:
        return _resolve_ocr_name_in_database(watchlist, cache, name, unresolved, database)
    if len(found) != 1:
        return unresolved
    ((spelling, said, record, std),) = found.values()
    how = (
        f"the name '{quote_declared(name)}' was read as '{quote_declared(spelling)}' ({record.name}), putting back "
        f"what optical character recognition confuses ({', '.join(said)})"
    )
    return resolved_as_record(unresolved, record, std, how)


def _resolve_ocr_name_in_database(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution, database: IdentifierDatabase
) -> Resolution:
    """resolve_ocr_name's second reading: the spellings of ``name`` that put back only digits read inside words (1 for
    l, 0 for o: no word of any language is spelt with them), the most places first, resolved as names with the identifier
    database; the one substance they name, or ``unresolved`` when none or several do."""
    found: dict[str, tuple[str, tuple[str, ...], Resolution]] = {}
    looked_up = 0
    for spelling, said in ocr_respellings(name):
        if not set(said) <= _OCR_DIGIT_CONFUSIONS:
            continue
        if looked_up == MAX_OCR_DATABASE_LOOKUPS:
            break
        looked_up += 1
        resolved = resolve_item(watchlist, cache, name=spelling, database=database)
        if resolved.std is not None:
            found.setdefault(resolved.std.key, (spelling, said, resolved))
    if len(found) != 1:
        return unresolved
    ((spelling, said, resolved),) = found.values()
    how = (
        f"the name '{quote_declared(name)}' was read as '{quote_declared(spelling)}', putting back what optical "
        f"character recognition confuses ({', '.join(said)})"
    )
    return resolved_as_read(unresolved, resolved, how)


def resolve_misspelt_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it is one typing
    error (an insertion, deletion, substitution or swap of neighbours) from a name of exactly one watchlist
    substance; ``unresolved`` itself otherwise. The keys of the name as written are tried in order
    (iter_keys_as_written: the whole name, then without grades, quantities and salt words); the first key
    with any known name one edit away decides, and it is read as that name only when:
    - it has at least MIN_MISSPELT_KEY_CHARS characters;
    - it is no known name itself (the watchlist, the dictionary, the identifier database);
    - every name one edit away -- the watchlist's, the dictionary's, the national drug-class lists', the
      identifier database's -- names one substance, and a watchlist name is among them;
    - the edit to that watchlist name touches no digit (a locant or count names another isomer), makes no
      "methyl" of an "ethyl" or back (edits_a_homologue: "éther diméthylique" is not diethyl ether), leaves
      the first letter alone (edits_the_first_letter: "iclazepam" is not "diclazepam"), and falls
      in no word of fewer than 4 letters or written as an abbreviation, declared or listed ("BMK glycidate"
      is not "PMK glycidate": edits_an_abbreviation).
    Without the identifier database (``None``: switched off or unavailable) nothing is read so: whether a
    legitimate chemical's name is the one typed, or one edit away too, could not be told ("Piperonol",
    piperonyl alcohol, is one edit from the watchlist's "Piperonal"). The source and a note say which name
    it was read as. The entry's severity is kept (docs/identification.md, "Names typed with one typing
    error"): a misspelt Category 1 name is what customs most want to see."""
    if database is None:
        return unresolved
    as_written = list(iter_keys_as_written(name))
    # then without a word that names an ester as well as a salt ("Morphlne sulphate", the thirty-eighth held-out
    # set's OCR line): read so only when the name it misspells is a base's, as the key readings do (KeyReading);
    # made only when the keys as written decided nothing
    keys = itertools.chain(
        ((key, False) for key in as_written),
        ((key, True) for key in compute_base_salt_keys(name) if key not in as_written),
    )
    for key, of_a_base in keys:
        if len(key) < MIN_MISSPELT_KEY_CHARS:
            continue
        if key in watchlist.by_name or database.lookup_name_key(key) is not None:
            return unresolved  # a known name: nothing to guess (and it was not read for a reason)
        near = find_one_edit_names(key, watchlist.names_by_length)
        if not near:
            continue
        target = _misspelt_target(watchlist, cache, name, key, near, database)
        if target is None or (of_a_base and not _has_nitrogen(target[2])):
            return unresolved
        record, spelling, std = target
        if record.natural_product and says_substance_absent(watchlist, record.name, name):
            return unresolved  # as lookup_name_record: the substance the product is controlled for is absent
        how = (
            f"the name '{quote_declared(name)}' was read as a misspelling of '{spelling}' ({record.name}): one "
            "typing error away, and no other name known to the watchlist, the dictionary or the identifier "
            "database is"
        )
        return resolved_as_record(unresolved, record, std, how)
    return unresolved


def resolve_cut_name(
    watchlist: Watchlist,
    cache: StructureCache,
    name: str,
    unresolved: Resolution,
    database: IdentifierDatabase | None,
) -> Resolution:
    """The resolution of a declared name that nothing else resolved (``unresolved``) when it is the beginning of
    a watchlist substance's name, cut as an ERP system cuts a material's text at its field's length ("METHYL
    3-(1,3-BENZODIOXOL-5-YL)-2-METHYL", 40 characters, is PMK methyl glycidate: the twenty-fourth held-out set's
    pch24011, pch24036 and pdh24008 were declared so, none identified); ``unresolved`` itself otherwise. It is
    read so only when (chemistry/cut_names.py):
    - the text is as long as a cut field and keeps at least MIN_CUT_NAME_KEY_CHARS characters of a name
      (looks_cut), and says nothing is absent (says_absent);
    - every name of the lexicon (the watchlist, its names in the EU's languages, the national drug-class lists,
      the dictionary) that begins with it (compared without case, spacing, punctuation and bracket styles:
      find_names_beginning) is a name of one and the same watchlist entry, and at most MAX_CUT_CANDIDATES do;
    - it ends where no complete name ends, inside a word of that name or after an opening bracket, a hyphen or
      a comma (cut_within_a_word): "methyl 3-(1,3-benzodioxol-5-yl)" may be a whole name, another ester's;
    - it is no name of the identifier database, and every name there that begins with it names the entry's
      substance (an unlisted compound's name may begin as a listed one's does and go on differently).
    Without the identifier database (``None``: switched off or unavailable) nothing is read so: whether a
    legitimate chemical's name begins so could not be told. The source and a note say that the name looked cut
    and which watchlist name it is the beginning of; the entry's severity is kept, as a misspelt name's is."""
    if database is None:
        return unresolved
    keys = find_names_beginning(name, watchlist.cut_name_keys)  # first: it reads no text longer than a name
    if not keys or says_absent(name):  # none, or too common a beginning (None)
        return unresolved
    records = [watchlist.by_name[key] for key in keys]
    # the entry's own name first, then its other names in key order: the note names the name as listed
    keys.sort(key=lambda key: key != normalise_name(records[0].name))
    if not all(_is_watchlist_record(record) for record in records):
        return unresolved  # the dictionary's or a national list's name begins so too: not one listed substance
    if len({(record.watchlist_id, record.covers) for record in records}) != 1:
        return unresolved  # the beginning of several entries' names: not a guess to make
    std = _record_std(records[0], cache)
    spellings = [watchlist.name_spellings.get(key, records[0].name) for key in keys]
    # An entry the law tells from its stereoisomers (stereo:exact: levomethorphan, not dextromethorphan) is read only
    # from a text that begins with the stereodescriptors its name begins with: the cut key folds "(-)-" away, and a
    # text that does not say which stereoisomer it is names the others too. Another entry is matched whatever the
    # stereochemistry ("3-beta-benzoyloxytropaan-2-beta-carbonzu" is still cocaine's "(-)-3-beta-...").
    entry = watchlist.by_id.get(records[0].watchlist_id or "")
    stereo_exact = entry is not None and entry.stereo_exact
    spelling = next(
        (
            spelt
            for spelt in spellings
            if cut_within_a_word(name, spelt) and (not stereo_exact or keeps_stereodescriptors(name, spelt))
        ),
        None,
    )
    if std is None or spelling is None:
        return unresolved
    for prefix in dict.fromkeys((normalise_name(name), compute_cut_key(name))):
        found = database.find_names_beginning(prefix, MAX_CUT_CANDIDATES + 1)
        if len(found) > MAX_CUT_CANDIDATES or any(key == prefix for key, _ in found):
            return unresolved  # too common a beginning, or a name the database knows as written
        for _, other in found:
            theirs, _ = standardise_in_cache(cache, other.smiles)
            if theirs is None or theirs.key != std.key:
                return unresolved  # another substance's name begins so
            if stereo_exact and theirs.iso_key != std.iso_key:
                # another stereoisomer's name (or the racemate's) begins so, and the law tells this entry from it
                # by its stereochemistry (dextromethorphan beside levomethorphan): the structures compared above
                # are without stereochemistry, as screening compares them
                return unresolved
    how = (
        f"the name '{quote_declared(name)}' looked cut at a field's length: it is the beginning of '{spelling}' "
        f"({records[0].name}), and of no other substance's name known to the watchlist, the dictionary or the "
        "identifier database"
    )
    return resolved_as_record(unresolved, records[0], std, how)


# Other goods' words one typing error from a plant material's or preparation's name, which the identifier database
# (chemicals, not plant materials) does not hold: labdanum and ladanum, the resin of Cistus ladanifer, a perfumery raw
# material (CN 1301 90), one edit from "laudanum" (fortieth session). Common words of the trade, ours.
OTHER_GOODS_NEAR_PLANT_MATERIALS = frozenset({"labdanum", "ladanum"})


def names_other_goods_near_a_plant_material(name: str) -> bool:
    """Whether a word of ``name`` is another goods' word one edit from a plant material's name
    (OTHER_GOODS_NEAR_PLANT_MATERIALS)."""
    return not OTHER_GOODS_NEAR_PLANT_MATERIALS.isdisjoint(re.findall(r"[a-z]+", fold_accents(name).lower()))


def _misspelt_target(
    watchlist: Watchlist, cache: StructureCache, name: str, key: str, near: list[str], database: IdentifierDatabase
) -> tuple[LexiconRecord, str, Standardised] | None:
    """(The watchlist record, its name as written, its structure) that a key one edit from the lexicon's
    names ``near`` misspells, or None when those names, or the identifier database's names one edit from
    the key, name more than one substance, or no watchlist name is reached by an edit that leaves digits
    alone (resolve_misspelt_name)."""
    records = [watchlist.by_name[other] for other in near]
    stds = [_record_std(record, cache) for record in records]
    if any(std is None for std in stds) or len({std.key for std in stds}) != 1:
        return None
    targets = [
        (record, other)
        for record, other in zip(records, near, strict=True)
        if _is_watchlist_record(record)
        # a plant material's name is a word of the trade, not a chemical's: the identifier database cannot vouch for
        # its neighbours, so the other goods' words one edit from one are refused by name ("Labdanum")
        and not (record.natural_product and names_other_goods_near_a_plant_material(name))
        and not edits_a_digit(key, other)
        and not edits_a_homologue(key, other)
        and not edits_the_first_letter(key, other)
        and not edits_an_abbreviation(name, key, watchlist.name_spellings.get(other, record.name), other)
    ]
    if not targets:
        return None
    std = stds[0]
    for _, other in database.find_name_keys(iter_one_edit_spellings(key)):
        theirs, _ = standardise_in_cache(cache, other.smiles)
        if theirs is None or theirs.key != std.key:
            return None
    record, other = targets[0]
    return record, watchlist.name_spellings.get(other, record.name), std


def resolve_ring_substituted_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is a listed
    name with ring substituents before it ("3-fluorometamfetamina": 3-fluoro on methamphetamine's
    benzene ring; chemistry/substituted_names.py says when the locants are trusted); ``unresolved``
    itself otherwise. The source says how the name was read: no source lists it."""
    read = read_ring_substituents(name)
    if read is None:
        return unresolved
    record, _ = lookup_name_record(watchlist, cache, read.base)
    base = _record_std(record, cache) if record is not None else None
    if base is None:
        return unresolved
    if not read.primed and not any(c.entry.tier == "drug" for c in watchlist.by_key.get(base.key, [])):
        return unresolved  # unprimed locants number the ring by convention on drug names only
    smiles = add_ring_substituents(base.iso_key, read, conventional_only=not read.primed)
    std, _ = standardise_in_cache(cache, smiles) if smiles is not None else (None, "")
    if std is None:
        return unresolved
    ring = "the anilide's benzene ring" if names_anilide_ring(base.iso_key, read) else "the benzene ring"
    how = (
        f"the name '{quote_declared(name)}' was read as {read.describe()} on {ring} of "
        f"{record.name} (the name '{quote_declared(read.base)}'); no source lists the substituted name"
    )
    return replace(unresolved, resolved_by="name", std=std, name=None, source=f"{record.source} ({how})")


def resolve_fused_acyl_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is one of the
    watchlist's own names with an acyl prefix fused before it after the locant N- ("N-formylpseudoephedrine":
    formyl on pseudoephedrine's amine N-H; chemistry/protected_names.py split_fused_acyl_name), the group put
    on the base's only amine N-H as a protecting group's shorthand is (build_protected_structure); ``unresolved``
    itself otherwise: the base is not a watchlist name (a dictionary or database name with such a prefix is
    left to OPSIN and the look-ups: "N-acetylcysteine"), or it has no single amine N-H. No source lists the
    name: the source says how it was read."""
    split = split_fused_acyl_name(name)
    if split is None:
        return unresolved
    record, _ = lookup_name_record(watchlist, cache, split.base)
    if record is None or not _is_watchlist_record(record):
        return unresolved
    base = _record_std(record, cache)
    if base is None:
        return unresolved
    smiles, _ = build_protected_structure(Chem.MolFromSmiles(base.iso_key), split.group, split.locant)
    std, _ = standardise_in_cache(cache, smiles) if smiles is not None else (None, "")
    if std is None:
        return unresolved
    how = (
        describe_protected_reading(quote_declared(name), split.group, record.name, split.locant)
        + "; no source lists the name"
    )
    return resolved_as_built(unresolved, record, std, how)


def build_on_listed_structure(
    watchlist: Watchlist, cache: StructureCache, drug: str, build: Callable[[Chem.Mol], str | None]
) -> tuple[LexiconRecord, Standardised] | None:
    """(the watchlist record of the name ``drug``, the standardised structure ``build`` makes of its structure), or None
    when ``drug`` is no watchlist name or ``build`` makes nothing of it: the readings that build an analogue on a listed
    drug (resolve_nor_fentanyl_name, resolve_nitazene_amine_name)."""
    record, _ = lookup_name_record(watchlist, cache, drug)
    if record is None or not _is_watchlist_record(record):
        return None
    base = _record_std(record, cache)
    smiles = build(Chem.MolFromSmiles(base.iso_key)) if base is not None else None
    std, _ = standardise_in_cache(cache, smiles) if smiles is not None else (None, "")
    return (record, std) if std is not None else None


def resolve_nor_fentanyl_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is a watchlist drug's acyl
    word before "norfentanyl" ("Acetyl norfentanyl" from acetylfentanyl; chemistry/nor_names.py), the drug's
    structure without the group on its piperidine nitrogen; ``unresolved`` itself otherwise: "<acyl>fentanyl" is no
    watchlist name, or its structure has no anilidopiperidine with one group on the ring nitrogen. No source lists
    the name: the source says how it was read."""
    drug = split_nor_fentanyl_name(name)
    if drug is None:
        return unresolved
    built = build_on_listed_structure(watchlist, cache, drug, remove_ring_nitrogen_substituent)
    if built is None:
        return unresolved
    record, std = built
    how = (
        f"'{quote_declared(name)}' read as {record.name} without the group on its piperidine nitrogen, as norfentanyl "
        f"is fentanyl without its phenethyl group; no source lists the name"
    )
    return resolved_as_built(unresolved, record, std, how)


def resolve_bisulfite_adduct_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it names the bisulfite adduct of a
    listed aldehyde or ketone ("1-Phenyl-2-propanone sodium bisulfite adduct"; chemistry/adduct_names.py): the adduct's
    structure, built on the listed one; ``unresolved`` itself otherwise (no such words, no watchlist name before them,
    or not exactly one aldehyde or ketone carbonyl in its structure). No source lists the name: the source says how it
    was read."""
    carbonyl = split_bisulfite_adduct_name(name)
    built = build_on_listed_structure(watchlist, cache, carbonyl, add_bisulfite) if carbonyl is not None else None
    if built is None:
        return unresolved
    record, std = built
    how = (
        f"'{quote_declared(name)}' read as the bisulfite adduct of {record.name}, which releases it with acid or base; "
        "no source lists the name"
    )
    return resolved_as_built(unresolved, record, std, how)


def find_listed_constituent(
    watchlist: Watchlist, cache: StructureCache, description: str, name: str | None
) -> tuple[str, Resolution] | None:
    """(the words, their resolution) of the most controlled listed substance a waste or contaminated goods'
    description states among what the goods contain (find_stated_constituents: "Toluene, contaminated with
    phenylacetone 5 %", a spent or recovered material's "contains acetic anhydride approx. 15 %"), or None. Every
    stated constituent is looked up (at most MAX_STATED_CONSTITUENTS), the listed ones ranked after: unlisted ones
    ("contains water 5 %") cannot hide a listed one."""
    listed = []
    for words in find_stated_constituents(description, name):
        by_name = resolve_item(watchlist, cache, name=words)
        if _is_listed(watchlist, by_name.std):
            listed.append((words, by_name))
    if not listed and _CONTAINS_WORD_RE.search(description[:MAX_CONSTITUENT_TEXT_CHARS]):
        # any goods said to contain a controlled drug ("Herbal incense, contains JWH-018, 200 sachets"), also by letters
        # several substances share ("pressed tablets, contains MDEA 120 mg"), read as the letters alone are: the drug,
        # the flag saying what else they stand for (review40; "Epoxy hardener, contains MDA 30%" is flagged so too).
        # Not a scheduled substance: a candle or a cosmetic stating its heliotropin, a solvent blend its toluene, is
        # everyday trade, and such goods are no scheduled mixture unless the substance is easily extracted (review40)
        for words in find_stated_constituents(description, name, any_goods=True):
            by_name = resolve_item(watchlist, cache, name=words)
            if by_name.std is not None and any(c.entry.tier == "drug" for c in watchlist.by_key.get(by_name.std.key, ())):
                listed.append((words, by_name))
    return min(listed, key=lambda named: rank_listing(watchlist, named[1].std)) if listed else None


# A word for "contains" anywhere in a description: whether the drug constituents are looked for (find_listed_constituent)
_CONTAINS_WORD_RE = re.compile(
    r"\b(?:contain|enth(?:\u00e4|ae|a)lt|contient|contenant|bevat|contiene|contenente|zawier)", re.IGNORECASE
)


def add_stated_constituent(
    watchlist: Watchlist, resolution: Resolution, constituent: tuple[str, Resolution] | None, description: str
) -> Resolution:
    """``resolution`` with a listed constituent the description states (find_listed_constituent): declared beside the
    item's substance (add_substance_named_in_description), or the item's substance when nothing else named one. A
    mixture containing a scheduled substance is the substance for Regulation (EC) No 273/2004 (Art. 2(a))."""
    if constituent is None:
        return resolution
    words, found = constituent
    where = f"'{quote_declared(words)}', stated in the goods description as a constituent of the goods"
    found = replace(found, source=f"{found.source} ({where})")
    if resolution.std is None:
        return replace(found, invalid=resolution.invalid)
    return add_substance_named_in_description(watchlist, resolution, found, description)


def resolve_acyl_fentanyl_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is an acyl word before
    "fentanyl" ("Benzoylfentanyl"; chemistry/analogue_names.py): fentanyl's structure with that acyl group in the
    propionyl's place; ``unresolved`` itself otherwise. No source lists the name: the source says how it was read."""
    how = (
        f"'{quote_declared(name)}' read as fentanyl with the acyl group its name gives in place of the propionyl, "
        "as the fentanyl analogues are named; no source lists the name"
    )
    return resolved_as_named_analogue(watchlist, cache, unresolved, split_acyl_fentanyl_name(name), "fentanyl", how)


def resolved_as_named_analogue(
    watchlist: Watchlist, cache: StructureCache, unresolved: Resolution, smiles: str | None, drug: str, how: str
) -> Resolution:
    """``unresolved`` resolved as ``smiles``, the analogue a reading built from the way a name is formed (None: the
    name is not so formed), on the watchlist's ``drug`` (resolved_as_built); ``unresolved`` itself when ``smiles`` is
    None or does not parse, or ``drug`` is no watchlist name."""
    if smiles is None:
        return unresolved
    record, _ = lookup_name_record(watchlist, cache, drug)
    std, _ = standardise_in_cache(cache, smiles)
    if record is None or not _is_watchlist_record(record) or std is None:
        return unresolved
    return resolved_as_built(unresolved, record, std, how)


# A bracketed part of a name field, read on its own by resolve_cathinone_name ("NEP (N-ethylpentedrone) 5 g").
_BRACKETED_PART_RE = re.compile(r"\(([^()]{3,80})\)")
# Where a name's first word ends (an abbreviation first, "2-MMC 10 g, research chemical"): white space, or a comma or
# semicolon with white space or at the end; not the comma between two locants ("3,4-DMMC").
_ABBREVIATION_HEAD_BREAK_RE = re.compile(r"\s+|[,;](?:\s+|$)")


def resolve_cathinone_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it, a part of it in brackets, the
    words after its first word or its first word, is a substituted-cathinone name ("4-methyl-N-ethylcathinone";
    chemistry/analogue_names.py split_cathinone_name) or an abbreviation of one ("2-MMC": expand_cathinone_abbreviation)
    ("NEP (N-ethylpentedrone) 5 g", "4-MEC 4-methyl-N-ethylcathinone"): the structure the name gives, which the
    analysis reports as the listed drug it is (4-MEC) or through the cathinone class; ``unresolved`` itself
    otherwise. A rest that names another substance is reported beside the reading, not a reason to drop it. No source
    lists the name: the source says how it was read."""
    record, _ = lookup_name_record(watchlist, cache, "cathinone")
    if record is None or not _is_watchlist_record(record):
        return unresolved
    text = name[:MAX_CLEANED_NAME_CHARS].strip()
    first, _, after_first = text.partition(" ")
    candidates = [(text, "")]
    for found in _BRACKETED_PART_RE.finditer(text):
        outside = text[: found.start()] + " " + text[found.end() :]
        candidates += [(found[1], outside), (outside.strip(), found[1])]  # the name in brackets, or before them
    if after_first:
        candidates.append((after_first.strip(), first))
    # an abbreviation ("2-MMC 10 g, research chemical", "4-chloro... (4-CEC)"): first, alone, or in brackets
    # (split at white space or a comma before it, not at the comma between two locants: "3,4-DMMC 10 g": review33)
    head, *tail = _ABBREVIATION_HEAD_BREAK_RE.split(text, maxsplit=1)
    candidates.append((head, tail[0] if tail else ""))
    # or a word further on ("Research chemical 2-MMC, 5 g": review33), the rest of the text reported as ever
    candidates += [(word, text.replace(word, " ", 1)) for word in find_cathinone_abbreviations(text)]
    read_as: tuple[str, str, str, Standardised] | None = None
    for candidate, outside in candidates:
        expanded = expand_cathinone_abbreviation(candidate)
        if expanded and lookup_name_record(watchlist, cache, candidate)[0] is not None:
            continue  # a listed abbreviation ('3-CMC') is read as listed, by the readings that cite the listing
        smiles = split_cathinone_name(expanded or candidate)
        built = standardise_in_cache(cache, smiles)[0] if smiles is not None else None
        if built is not None:
            read_as = (candidate, expanded or "", outside, built)
            break
    if read_as is None:
        return unresolved
    read, expanded, rest, std = read_as
    as_name = f", the abbreviation of '{expanded}'," if expanded else ""
    how = (
        f"'{quote_declared(read)}'{as_name} read as a substituted cathinone, the ring and nitrogen substituents its "
        "name gives on 2-amino-1-phenylpropan-1-one (or its named alpha homologue), as the synthetic cathinones are "
        "named; no source lists the name"
    )
    # A rest that names another substance ("Acetone 4-methyl-N-ethylcathinone", "Mephedrone 4-methyl-N-...") does not
    # undo the reading: no legitimate declaration writes a synthetic cathinone's systematic name, so the cathinone is
    # screened and the other name is reported beside it for the officer to weigh (review31).
    other = resolve_item(watchlist, cache, name=rest.strip()) if rest.strip() else None
    if other is not None and other.std is not None and other.std.key != std.key:
        how += f"; the declaration also names '{quote_declared(rest.strip())}', read as another substance"
    return resolved_as_built(unresolved, record, std, how)


def resolve_tryptamine_code(watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it, its first word or a word of it
    is a TiHKAL tryptamine code ("4-AcO-DMT", "5-MeO-MiPT 1 g", "Research chemical 4-HO-MET";
    chemistry/analogue_names.py expand_tryptamine_code): the structure the code gives, which the analysis reports as
    the listed drug it is (4-HO-DMT is psilocin) or through the tryptamine class; ``unresolved`` itself otherwise. A
    rest that names another substance is reported beside the reading, as for a cathinone's name. No source lists the
    code: the source says how it was read."""
    record, _ = lookup_name_record(watchlist, cache, "DMT")
    if record is None or not _is_watchlist_record(record):
        return unresolved
    text = name[:MAX_CLEANED_NAME_CHARS].strip()
    head, *tail = _ABBREVIATION_HEAD_BREAK_RE.split(text, maxsplit=1)
    candidates = [(text, ""), (head, tail[0] if tail else "")]
    candidates += [
        (word, re.sub(r"\(\s*\)|\[\s*\]", " ", text.replace(word, " ", 1)))
        for word in find_tryptamine_codes(text)
        # a bare code inside other words is read only at the head: in brackets after a name it is that name's
        # abbreviation ("Diisopropyl L-tartrate (DiPT)": review42 F3)
        if re.match(r"\d", word)
    ]
    built = (
        (candidate, rest, standardise_in_cache(cache, smiles)[0])
        for candidate, rest in candidates
        if (smiles := expand_tryptamine_code(candidate)) is not None
    )
    candidate, rest, std = next((found for found in built if found[2] is not None), ("", "", None))
    if std is None:
        return unresolved
    how = (
        f"'{quote_declared(candidate)}' read as a tryptamine code of Shulgin's TiHKAL (the ring substituent, the "
        "nitrogen's or alpha carbon's groups, then T) on tryptamine's skeleton; no source lists the code"
    )
    other = resolve_item(watchlist, cache, name=rest.strip()) if rest.strip() and not is_only_salt_words(rest) else None
    if other is not None and other.std is not None and other.std.key != std.key:
        if not re.match(r"\d", candidate):
            return unresolved  # a bare code beside another substance's name is its abbreviation ("Diisopropyl tartrate")
        how += f"; the declaration also names '{quote_declared(rest.strip())}', read as another substance"
    return resolved_as_built(unresolved, record, std, how)


def resolve_lsd_acyl_name(watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it, or a word of it, is a code or
    name of a 1-acyl LSD ("1P-LSD (1-propionyl-LSD) blotters", the sixty-seventh held-out set's pmh67022; chemistry/
    analogue_names.py lsd_acyl_group): LSD's structure, from the watchlist, with the acyl group on its indole nitrogen,
    which the analysis unmasks to LSD; ``unresolved`` itself otherwise. No source lists the name: the source says how
    it was read."""
    text = name[:MAX_CLEANED_NAME_CHARS].strip()
    candidate = next((c for c in (text, *find_lsd_acyl_codes(text)) if lsd_acyl_group(c) is not None), None)
    if candidate is None:
        return unresolved
    acyl = lsd_acyl_group(candidate)
    built = build_on_listed_structure(watchlist, cache, "LSD", lambda lsd: put_acyl_on_indole_nitrogen(lsd, acyl))
    if built is None:
        return unresolved
    record, std = built
    how = (
        f"'{quote_declared(candidate)}' read as LSD with the acyl group its code or name gives on the indole nitrogen "
        "(N1), as the 1-acyl LSD prodrugs are named; no source lists the name"
    )
    return resolved_as_built(unresolved, record, std, how)


def resolve_nitazene_amine_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is an amine word before a
    watchlist nitazene's name ("N-pyrrolidino isotonitazene"; chemistry/analogue_names.py): the nitazene's structure
    with that amine for its diethylamino group; ``unresolved`` itself otherwise. No source lists the name: the source
    says how it was read."""
    split = split_nitazene_amine_name(name)
    if split is None:
        return unresolved
    amine, drug = split
    built = build_on_listed_structure(watchlist, cache, drug, lambda mol: replace_nitazene_amine(mol, amine))
    if built is None:
        return unresolved
    record, std = built
    how = (
        f"'{quote_declared(name)}' read as {record.name} with the amine its name gives in place of the diethylamino "
        "group, as the nitazene analogues are named; no source lists the name"
    )
    return resolved_as_built(unresolved, record, std, how)


def resolve_benzyl_stem_nitazene_name(
    watchlist: Watchlist, cache: StructureCache, name: str, unresolved: Resolution
) -> Resolution:
    """The resolution of a declared name that nothing resolved (``unresolved``) when it is a benzyl stem before
    "nitazene" that no list names ("Flunitazene"; chemistry/analogue_names.py split_benzyl_stem_nitazene_name): the
    listed nitazenes' skeleton with the group the stem gives on the benzyl ring; ``unresolved`` itself otherwise. No
    source lists the name: the source says how it was read, and the nitazene family reports what was built."""
    how = (
        f"'{quote_declared(name)}' read as a nitazene, etonitazene's skeleton with the benzyl ring the stem before "
        "'nitazene' names ('flu' 4-fluoro, 'clo' 4-chloro, none unsubstituted), as the nitazenes are named; no source "
        "lists the name"
    )
    return resolved_as_named_analogue(
        watchlist, cache, unresolved, split_benzyl_stem_nitazene_name(name), "etonitazene", how
    )


def opens_with_heading_or_contains(text: str) -> bool:
    """Whether ``text`` opens with a heading ("Contains: ...") or a word for "contains" that resolve_description
    reads by itself."""
    return find_text_after_heading(text) is not None or find_text_after_contains(text) is not None


def resolve_description(watchlist: Watchlist, cache: StructureCache, description: str) -> Resolution:
    """What a goods description names when the item's identifiers named nothing: the description read
    as a name, else its head before the particulars (find_description_head: "SAFROL 98 % min., 200 kg
    steel drums, ..." names safrole), the source then saying so. Never looked up in the identifier
    database (resolve_item is given no database): a description is free text, and PubChem's synonyms
    include everyday words ("salt", "alcohol") and trade names."""
    itself = resolve_item(watchlist, cache, name=description)
    if itself.std is None and (shipping_name := read_dangerous_goods_name(description)) is not None:
        # "UN1715 ACETIC ANHYDRIDE, 8 (3), II, 18 drums": a dangerous-goods description, its UN number and
        # transport particulars set aside (never looked up), else the technical names of an n.o.s. entry
        for words in (shipping_name, find_technical_names(shipping_name)):
            by_name = resolve_description(watchlist, cache, words) if words is not None else itself
            if by_name.std is not None:
                where = f"'{quote_declared(words)}', the goods description read as a dangerous-goods description"
                return replace(by_name, source=f"{by_name.source} ({where})")
    if (
        itself.std is None
        and (after := find_text_after_heading(description)) is not None
        # "free of: Sassafras albidum root oil": a heading that says what follows is absent (review27)
        and not says_something_absent_after(description[: description.rfind(after)])
    ):
        # "PERMANGANATES: POTASSIUM PERMANGANATE 99PCT": a tariff heading before the goods' name
        by_name = resolve_description(watchlist, cache, after)
        if by_name.std is not None:
            where = f"'{quote_declared(after)}', the words after the heading of the goods description"
            return replace(by_name, source=f"{by_name.source} ({where})")
    if itself.std is None and (contents := find_text_after_contains(description)) is not None:
        # "contains methyl ethyl ketone, xylene, ethylbenzene | 1 gal cans", "Each tablet contains pseudoephedrine
        # hydrochloride 60 mg": what the goods contain, read as after the heading "Contains:"
        # (a list of them as a mixture's constituents are, the most controlled first; else its head)
        constituents = split_constituents(contents, description)
        by_contents = resolve_item(watchlist, cache, name="; ".join(constituents)) if constituents else itself
        if by_contents.std is None and not opens_with_heading_or_contains(contents):
            # (what follows another heading or "contains" is read by the heading branch above, once: reading it
            # here too doubled the work at each repeat, "Contains: " * 12 took 17 s: review30 H1)
            by_contents = resolve_description(watchlist, cache, contents)
        if by_contents.std is not None:
            where = (
                f"'{quote_declared(contents)}', stated in the goods description as a constituent of the goods "
                "(the words after 'contains' that open it)"
            )
            return replace(by_contents, source=f"{by_contents.source} ({where})")
    if itself.std is None and (without_codes := strip_codes_beside_name(watchlist, cache, description)) is not None:
        # "RM-4742 PIPERONAL KRIST.", "ISOSAFROL 29329100": an article code or a CAS-like number beside the name
        # (review23b G8: read in the name field only)
        by_name = resolve_item(watchlist, cache, name=without_codes)
        if by_name.std is not None:
            where = f"'{quote_declared(without_codes)}', the goods description without the codes and numbers beside it"
            return replace(by_name, source=f"{by_name.source} ({where})")
    if itself.std is None and (constituents := find_mixture_constituents(description)) is not None:
        # "Miscela di ossido di alluminio, permanganato di potassio, ...": each constituent screened, the most
        # controlled first, as a name field listing them is
        listed = resolve_item(watchlist, cache, name="; ".join(constituents))
        if listed.std is not None:
            where = "the goods description's constituents, listed as a mixture's"
            return replace(listed, source=f"{listed.source} ({where})")
    if itself.std is None and (prose := find_name_after_vague_opening(description)) is not None:
        # "SAMPLE OF PMK GLYCIDATE FOR LAB TEST NO COMMERCIAL VALUE": the name after an unacceptable opening term,
        # read as a name is, and as a listed acid's bare carboxylate ("BMK GLYCIDATE"), when it names a listed one
        by_prose = resolve_item(watchlist, cache, name=prose)
        if by_prose.std is None:
            by_prose = resolve_bare_carboxylate_name(watchlist, cache, prose, by_prose)
        if by_prose.std is not None and _is_listed(watchlist, by_prose.std):
            # only a listed substance: "Powder coating resin" or "Liquid paraffin" would otherwise become their
            # second words, which may hide what the CN code says
            where = f"'{quote_declared(prose)}', the goods' name after the vague opening words of the goods description"
            return replace(by_prose, source=f"{by_prose.source} ({where})")
    if itself.std is None and (fields := read_description_fields(description)) is not None:
        # "OCR commercial invoice | Potassium permanganate, 50 kg drums | Page 1 of 1": fields run together, each
        # read as a description of its own; a listed substance one of them names is screened, the most controlled
        listed = [
            (field, by_field)
            for field in fields
            if _is_listed(watchlist, (by_field := resolve_description(watchlist, cache, field)).std)
        ]
        if listed:
            field, by_field = min(listed, key=lambda named: rank_listing(watchlist, named[1].std))
            where = f"'{quote_declared(field)}', one of the fields run together in the goods description"
            return replace(by_field, source=f"{by_field.source} ({where})")
    if itself.std is None:
        # "Sassafras officinale root oil (INCI) | 2 x 200 kg": a natural product named with its plant's species,
        # origin or part (the forty-seventh held-out set's pch47018), read in a field of the description as a name
        # field's is (step 3, resolve_qualified_natural_product: never when a word of that field says the goods are
        # not the natural oil); not in a field that says something is absent ("free of: Sassafras albidum root oil")
        for field in _split_description_at_breaks(description)[:MAX_NATURAL_PRODUCT_FIELDS]:
            if says_something_absent_after(field):
                continue
            natural = resolve_qualified_natural_product(watchlist, cache, field, itself)
            if natural.std is not None:
                return natural
    if itself.std is None and (before := find_text_before_purpose(description)) is not None:
        # "roter Phosphor für Reibflächen von Zündholzschachteln" (the forty-third held-out set's pch43059): the words
        # before what the goods are for, when they name a listed substance and the use names no other
        by_use = resolve_item(watchlist, cache, name=before)
        use = resolve_item(watchlist, cache, name=description[len(before) :].strip(" ,;-"))
        if _names_scheduled(watchlist, by_use.std) and use.std is None:
            where = f"'{quote_declared(before)}', the words of the goods description before what the goods are for"
            return replace(by_use, source=f"{by_use.source} ({where})")
    base = find_text_before_based(description) if itself.std is None else None
    after_base = find_text_after_base_of(description) if itself.std is None and base is None else None
    if base is not None or after_base is not None:
        # "codeine based cough syrup, 2,245 bottles", "sirop à base de codéine": a medicine described by the listed
        # substance it is made from, when the rest of the description names no other substance (review31)
        read, phrase = (base, "before 'based'") if base is not None else (after_base[0], f"after '{after_base[1]}'")
        by_base = resolve_item(watchlist, cache, name=read)
        rest = resolve_item(watchlist, cache, name=description.replace(read, " ", 1).strip(" ,;-"))
        if _is_listed(watchlist, by_base.std) and (rest.std is None or rest.std.key == by_base.std.key):
            where = f"'{quote_declared(read)}', the words of the goods description {phrase}, what the medicine is made from"
            return replace(by_base, source=f"{by_base.source} ({where})")
    head = find_description_head(description) if itself.std is None else None
    if head is None:
        return itself
    by_head = resolve_item(watchlist, cache, name=head)
    if by_head.std is None:
        return itself
    if (by_head.source or "").startswith(NATURAL_PRODUCT_SOURCE) and (
        says_substance_absent(watchlist, by_head.name or "", description)
        or _says_not_the_natural_product(description)
    ):
        # "Sassafras oil, safrole-free, 1 kg": the particulars say the substance the product is controlled
        # for is absent (as lookup_name_record reads such a name field); "Sassafras oil, nature-identical, 25 kg":
        # the particular after the head says the goods are not the natural oil
        return itself
    # A listed head must not hide a more controlled substance in the particulars: read from its head
    # alone, "Acetone, Safrole 98%, 200 kg drums" was acetone (info) and the Category 1 substance after
    # it was not read (sixteenth session's attack). The particulars are then read as a mixture's parts,
    # each substance screened, the most controlled first (as "Acetone; Safrole 98%; 200 kg drums" is).
    particulars = split_description_particulars(description)
    if (
        _is_listed(watchlist, by_head.std)
        and len(description) <= MAX_CLEANED_NAME_CHARS
        and 2 <= len(particulars) <= MAX_ALSO_DECLARED + 1
    ):
        listed = resolve_item(watchlist, cache, name="; ".join(particulars))
        if listed.std is not None and listed.also_declared and listed.std.key != by_head.std.key:
            where = "the goods description's particulars, read as the substances of a mixture"
            return replace(listed, source=f"{listed.source} ({where})")
    where = f"'{quote_declared(head)}', the words before the particulars of the goods description"
    return replace(by_head, source=f"{by_head.source} ({where})")


# The drug plant materials whose bare name is also a perfume's: "Opium", Yves Saint Laurent's perfume since 1977
# (review38). Ours, from knowledge of the trade; a qualified name ("Raw opium") is never a perfume (review39).
PERFUME_BRAND_PRODUCTS = frozenset({"opium"})
# What says an item is a perfume or a cosmetic: the perfumery and cosmetics chapter of the CN (33), a perfume's words or
# its maker's name, and a quantity in millilitres, fluid ounces or pieces in its name (opium is a solid traded by
# weight). Read only where the item names the brand word bare (_names_only_the_brand). Ours, common words.
PERFUMERY_CN_CHAPTER = "33"
# The headings a drug's material or its medicines are declared under, where its name is never a perfume's: 1302 (saps
# and extracts: 1302 11, opium), 2939 (alkaloids), 3003 and 3004 (medicines: an opium tincture in millilitres, review40)
_DRUG_MATERIAL_HEADINGS = ("1302", "2939", "3003", "3004")
_PERFUMERY_WORDS_RE = re.compile(
    r"\b(?:perfumes?|parfums?|profumo|perfumy|fragrances?|duft|eau\s+de\s+\w+|edp|edt|edc|colognes?|toilette|"
    r"deodorants?|cosmetics?|kosmetik\w*|cosmetiques?|body\s+(?:lotion|spray|mist)|gift\s+set|coffret|testers?|"
    r"atomi[sz]ers?|vaporisateur|spray|yves\s+saint\s+laurent|saint\s+laurent|ysl)\b",
    re.IGNORECASE,
)
_PERFUMERY_QUANTITY_RE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:ml|cl|fl\.?\s*oz|oz|pcs|pc|pieces?|units?|stk|st(?:u|ue)ck|bottles?|flacons?)\b",
    re.IGNORECASE,
)
# The words that make a plant material's name more than a brand's: the drug's state, preparation, grade by its alkaloid
# and origins as traders and seizure reports write them. Not the words perfumes share ("natural", "pure", "fresh",
# "bio": "YSL Opium natural spray", "Opium Fresh": review40). Ours, common words.
_MATERIAL_WORDS = frozenset(
    " ".join(
        (
            "raw crude gum latex tar medicinal prepared powdered granulated dried brut brute bruto bruta roh greggio",
            "grezzo ham tincture tinctura tinktur extract extracts morphine morphin thc cbd poppy papaver afghan",
            "afghanistan turkish indian burmese myanmar pakistani mexican laotian",
        )
    ).split()
)
# How much of a field is read for the brand word and the material's words (a longer description is read in its start)
MAX_BRAND_FIELD_CHARS = 1000


def _names_only_the_brand(text: str | None, brand: str) -> bool:
    """Whether a field says nothing of the drug material beside the brand word: no word of the material's state,
    preparation, grade or origin (_MATERIAL_WORDS) anywhere in it ("Opium (YSL)", "YSL Opium eau de toilette 50 ml,
    retail boxes"; not "Raw opium", "raw opium gum, 5 kg", nor "Afghan" or "black tar, 5 kg" describing a bare
    "Opium")."""
    if not text:
        return True
    return not set(natural_product_words(text[:MAX_BRAND_FIELD_CHARS])) & _MATERIAL_WORDS


def _names_another_drug_product(watchlist: Watchlist, text: str, product: str) -> bool:
    """Whether ``text`` names ``product``'s material by another of its names, not right after a negation word
    (_NEGATION_WORDS: "Afyon (opium)"; not "white marble slabs, not opium", nor another drug's material, "coca leaf
    pattern": review40)."""
    entry = next((record.watchlist_id for _, record in watchlist.natural_product_words if record.natural_product == product), None)
    words = natural_product_words(text[:MAX_BRAND_FIELD_CHARS])
    for wanted, record in watchlist.natural_product_words:
        if record.natural_product == product or record.watchlist_id != entry or not is_drug_product_source(record.source):
            continue
        for i in range(len(words) - len(wanted) + 1):
            if words[i : i + len(wanted)] == wanted and (i == 0 or words[i - 1] not in _NEGATION_WORDS):
                return True
    return False



def refuse_drug_product_in_other_goods(
    watchlist: Watchlist, resolution: Resolution, name: str | None, description: str | None, cn_code: str | None
) -> Resolution:
    """``resolution`` unless it reads a drug's plant material (is_drug_product_source) whose name is also other goods',
    in an item whose particulars say it is those goods:
    - the bare brand word of a perfume (PERFUME_BRAND_PRODUCTS: "Opium"), the name and description naming nothing
      else (_names_only_the_brand), under CN chapter 33, with a perfume's words or maker, or with a quantity in
      millilitres, ounces or pieces in its name;
    - a name that is also a place's or other goods' (Watchlist.products_read_under_heading: Turkish "Afyon"), under
      any CN heading but the one its source reads it under, unless the item's words name the material otherwise
      ("Afyon (opium)").
    The refused item is unresolved, a note saying why."""
    if resolution.std is None or not is_drug_product_source(resolution.source):
        return resolution
    code = re.sub(r"\D", "", cn_code or "")
    words = f"{name or ''} | {description or ''}"
    why = None
    brand = next((p for p in PERFUME_BRAND_PRODUCTS if names_natural_product(resolution.source, p)), None)
    if (
        brand is not None
        and not code.startswith(_DRUG_MATERIAL_HEADINGS)
        and _names_only_the_brand(name, brand)
        and _names_only_the_brand(description, brand)
    ):
        if code.startswith(PERFUMERY_CN_CHAPTER):
            why = f"declared under CN {cn_code}, the chapter of perfumery and cosmetics, by the bare name of a perfume"
        elif says_unnegated(_PERFUMERY_WORDS_RE, words):
            why = "its name or description says a perfume or its maker, beside the bare name of a perfume"
        elif name and _PERFUMERY_QUANTITY_RE.search(name):
            why = "the bare name of a perfume with a quantity in millilitres, ounces or pieces, not the weight of opium"
    heading = next(
        (
            (product, h)
            for product, h in watchlist.products_read_under_heading.items()
            if names_natural_product(resolution.source, product)
        ),
        None,
    )
    if (
        why is None
        and heading is not None
        and not code.startswith(heading[1])
        and not _names_another_drug_product(watchlist, words, heading[0])
    ):
        why = (
            f"the name is also a word of other goods (a place, its stone, its food), read as the plant material "
            f"only under CN heading {heading[1][:4]} {heading[1][4:]} or beside another of its names, which the item "
            "does not declare"
        )
    if why is None:
        return resolution
    note = f"the goods were not screened as the drug's plant material they name ({resolution.source.split(' (')[0]}): {why}"
    return Resolution("unresolved", None, invalid=resolution.invalid, source_notes=[*resolution.source_notes, note])


# The fields of a goods description a natural product's name is looked for in (resolve_description): a description
# is one line of fields run together with bars or semicolons; a few first fields at most.
_DESCRIPTION_FIELD_BREAK_RE = re.compile(r"[|;\n]")


def _split_description_at_breaks(description: str) -> list[str]:
    """The description's fields (_DESCRIPTION_FIELD_BREAK_RE), stripped, empty ones left out. Split on the break alone
    and stripped after: white space on both sides of the break in the pattern was quadratic in a long run of spaces
    (review33: 11 s for 40,000)."""
    return [field for part in _DESCRIPTION_FIELD_BREAK_RE.split(description) if (field := part.strip())]
MAX_NATURAL_PRODUCT_FIELDS = 4
# A particular of at most this many words right after a description's head is read for words that say the goods are
# not the natural oil ("Sassafras oil, nature-identical, 25 kg"); a longer one is about something else ("packing
# type: steel drums": review27 F1, where any word anywhere in the description had hidden the oil).
MAX_NOT_NATURAL_PARTICULAR_WORDS = 2


def _says_not_the_natural_product(description: str) -> bool:
    """Whether the particular right after a description's head, when it is a word or two, says the goods are not the
    natural product (_NOT_THE_NATURAL_PRODUCT_RE: "synthetic", "nature-identical", "imitation")."""
    particulars = split_description_particulars(description)
    if len(particulars) < 2:
        return False
    after_head = particulars[1]
    return len(after_head.split()) <= MAX_NOT_NATURAL_PARTICULAR_WORDS and says_unnegated(
        _NOT_THE_NATURAL_PRODUCT_RE, after_head
    )


def add_substance_named_in_description(
    watchlist: Watchlist, resolution: Resolution, by_description: Resolution, description: str, name: str | None = None
) -> Resolution:
    """``resolution`` with the substance its goods description names (``by_description``, resolve_description's
    answer) also declared, when that is a listed substance (scheduled, drug or designer precursor) other than
    the one the identifiers give: "Safrole" described on an item whose CAS number and name say ethanol is
    screened as safrole too, the flag saying where it was read. Otherwise ``resolution`` unchanged, and also when
    the description repeats an abbreviation the name field already gave with its full name, which decided it
    (``name`` "Dimethyl Terephthalate (DMT)", description "DMT, HSN 29173700": the monomer, not the drug)."""
    std = by_description.std
    if resolution.std is None or std is None or std.key == resolution.std.key:
        return resolution
    if (normalise_name(description.split(",")[0]), resolution.std.key) in load_shared_abbreviations():
        # a structure or number of 4-aminopyridine described as "4-AP": the letters are that substance's too, and the
        # identifiers decided (nlh64006)
        return resolution
    if name and _repeats_name_fields_abbreviation(watchlist, name, description, std):
        return resolution
    if not any(c.entry.tier in ("scheduled", "drug", "designer") for c in watchlist.by_key.get(std.key, ())):
        return resolution
    if any(other.std.key == std.key for other in resolution.also_declared):
        return resolution
    other = DeclaredSubstance(
        f"description '{quote_declared(description)}'",
        std,
        by_description.name,
        by_description.source or "watchlist",
        field="goods description",
    )
    return replace(resolution, also_declared=(*resolution.also_declared, other))


MAX_SHARED_ABBREVIATION_PARTICULARS = 3  # the description's first particulars read for the abbreviation's meaning
MAX_SHARED_ABBREVIATION_HEAD_WORDS = 6  # and the most first words of each read as a name


def read_shared_abbreviation_by_description(
    watchlist: Watchlist,
    cache: StructureCache,
    database: IdentifierDatabase | None,
    resolution: Resolution,
    name: str | None,
    description: str | None,
) -> Resolution:
    """``resolution`` of a name field read as letters several substances share (abbreviations_shared.csv), alone or after
    a word or two ("PAA 15%", "Activated MDEA"), unless the goods description, or the first words of one of its first
    particulars, names the substance a source records the letters for besides the listed one, and none names the listed
    one: then that substance, the description deciding ("4-AP" described as "4-Aminopyridine (pyridin-4-amine), avicide
    bait concentrate", the sixty-fourth held-out set's nlh64004; "MDEA" described as "N-methyldiethanolamine, gas
    treating"). The caller calls it only for an item that declares no other identifier (review39)."""
    if (
        resolution.std is None
        or resolution.resolved_by != "name"
        or not name
        or not description
        or len(description) > MAX_CLEANED_NAME_CHARS
    ):
        return resolution
    # the letters among the name's first words ("PAA 15%", "Activated MDEA", "Technical PAA": review40), cheaply: most
    # names hold no shared letters
    meanings = load_shared_abbreviation_meanings()
    letters = next((key for word in name.split()[:MAX_TRADE_NAME_WORDS + 2] if (key := normalise_name(word)) in meanings), None)
    if letters is None:
        return resolution
    shared = load_shared_abbreviations()
    particulars = split_description_particulars(description)[:MAX_SHARED_ABBREVIATION_PARTICULARS]
    # each particular, and its first words ("Peracetic acid" of "Peracetic acid disinfectant"), longest first
    heads = (
        " ".join(words[:n])
        for words in (p.split() for p in particulars)
        for n in range(min(len(words), MAX_SHARED_ABBREVIATION_HEAD_WORDS), 0, -1)
    )
    readings = [resolve_item(watchlist, cache, name=part, database=database) for part in dict.fromkeys((description, *heads))]
    if any(by_part.std is not None and by_part.std.key == resolution.std.key for by_part in readings):
        return resolution  # the description names the listed substance too ("Peracetic acid; phenylacetic acid 99%")
    for by_part in readings:
        if by_part.std is not None and (letters, by_part.std.key) in shared:
            how = (
                f"the name '{quote_declared(name)}' is an abbreviation a source records for "
                f"{by_part.name or 'the substance'} too (chemistry/data/abbreviations_shared.csv), which the goods "
                "description names: the description decides"
            )
            return replace(by_part, invalid=resolution.invalid, source_notes=[*by_part.source_notes, how])
    return resolution


def _repeats_name_fields_abbreviation(watchlist: Watchlist, name: str, description: str, std: Standardised) -> bool:
    """Whether ``description`` names ``std`` by the abbreviation that the name field gives beside its full name."""
    pair = find_abbreviation_and_full_name(name)
    if pair is None:
        return False
    abbreviation = pair[0]
    if not re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", description, re.IGNORECASE):
        return False
    record = watchlist.by_name.get(normalise_name(abbreviation))
    return record is not None and record.key == std.key
