"""Glycidic acid's trivial name rewritten as the oxirane name (chemistry/glycidic_names.py)."""

import pytest

from chemistry.glycidic_names import rewrite_glycidic_name


@pytest.mark.parametrize(
    ("declared", "rewritten"),
    [
        # BMK ethyl glycidate (Category 1) and PMK methyl glycidate by the trivial name with locants
        ("ethyl 2-methyl-3-phenylglycidate", "ethyl 2-methyl-3-phenyloxirane-2-carboxylate"),
        (
            "methyl 3-(3,4-methylenedioxyphenyl)-2-methylglycidate",
            "methyl 3-(3,4-methylenedioxyphenyl)-2-methyloxirane-2-carboxylate",
        ),
        ("2-methyl-3-phenylglycidic acid", "2-methyl-3-phenyloxirane-2-carboxylic acid"),
        ("Sodium 2-methyl-3-phenylglycidate 98 %", "Sodium 2-methyl-3-phenyloxirane-2-carboxylate 98 %"),
        ("3-phenylglycidic acid ethyl ester", "3-phenyloxirane-2-carboxylic acid ethyl ester"),
        ("ethyl 2-methyl-3-phenyl-glycidate", "ethyl 2-methyl-3-phenyl-oxirane-2-carboxylate"),
        # legitimate glycidates keep their own locants: strawberry aldehyde is the 3-methyl-3-phenyl ester
        ("ethyl 3-methyl-3-phenylglycidate", "ethyl 3-methyl-3-phenyloxirane-2-carboxylate"),
        (
            "methyl (2R,3S)-3-(4-methoxyphenyl)glycidate",
            "methyl (2R,3S)-3-(4-methoxyphenyl)oxirane-2-carboxylate",
        ),
        ("ethyl glycidate", "ethyl oxirane-2-carboxylate"),
    ],
)
def test_a_glycidic_word_with_located_substituents_is_written_as_its_oxirane_name(declared, rewritten):
    assert rewrite_glycidic_name(declared) == rewritten


@pytest.mark.parametrize(
    "declared",
    [
        # no locants: the trivial usage (strawberry aldehyde is 3-methyl-3-phenyl) and OPSIN's lowest
        # locants for the oxirane name (2-phenyl-3-methyl) part ways, so the name is not rewritten
        "ethyl methylphenylglycidate",
        "Ethyl methylphenylglycidate (strawberry aldehyde), FEMA grade",
        "Strawberry glycidate (ethyl methylphenylglycidate)",
        # "2-methylphenyl" is a tolyl or a 2-methyl with an unlocated phenyl: not guessed
        "ethyl 2-methylphenylglycidate",
        # glycidyl and glycidol are other words
        "glycidyl methacrylate",
        "glycidol",
        "Bisphenol A diglycidyl ether",
        "ethyl 3-methyl-3-phenyloxirane-2-carboxylate",
    ],
)
def test_a_name_without_a_located_glycidic_word_is_not_rewritten(declared):
    assert rewrite_glycidic_name(declared) is None
