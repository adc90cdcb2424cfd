"""registry.ratings: the rating → status table, default and user files."""

from __future__ import annotations

import pytest

from registry import AttributionStatus, ConfigError, Status
from registry.ratings import load_rating_table, normalise_rating, status_for_rating


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        ("False", Status.REFUTED),
        ("FALSE", Status.REFUTED),
        ("false", Status.REFUTED),
        ("  «False!» ", Status.REFUTED),
        ("Misleading", Status.MISLEADING),
        ("False Context", Status.MISLEADING),
        ("Missing context", Status.MISLEADING),
        ("Mostly true", Status.MOSTLY_SUPPORTED),
        ("Half True", Status.MIXED),
        ("Half-True", Status.MIXED),
        ("Mostly False", Status.MOSTLY_REFUTED),
        ("Pants on Fire", Status.REFUTED),
        ("TRUE", Status.SUPPORTED),
        ("Unproven", Status.NOT_ENOUGH_EVIDENCE),
        ("Satire", Status.NOT_ENOUGH_EVIDENCE),
        ("Falso", Status.REFUTED),
        ("Engañoso", Status.MISLEADING),
        # sentences: a leading rating followed by a full stop, colon or dash
        ("False. There is no evidence that the ministry said this.", Status.REFUTED),
        ("Misleading: the video was filmed in 2019.", Status.MISLEADING),
        ("Mostly false — the figure is from another year", Status.MOSTLY_REFUTED),
        ("False context - the photo is old", Status.MISLEADING),
        # sentences caught by the rules
        ("This is false.", Status.REFUTED),
        ("The video is out of context", Status.MISLEADING),
        ("The claim is false context", Status.MISLEADING),
        ("The claim is true.", Status.SUPPORTED),
        ("There is no evidence that the drug works", Status.NOT_ENOUGH_EVIDENCE),
    ],
)
def test_default_table(rating, status):
    assert status_for_rating(rating) is status


@pytest.mark.parametrize(
    "rating",
    ["True, but misleading", "Not entirely true", "The claim is true in part", "Three stars", "", None,
     "Falsehood of the year nominee", "Truthy"],
)
def test_what_the_table_does_not_cover_is_never_guessed(rating):
    match = load_rating_table().lookup(rating)
    assert match.status is Status.NOT_ENOUGH_EVIDENCE
    assert not match.mapped and match.rating == (rating or "")


def test_lookup_says_how_it_decided():
    table = load_rating_table()
    assert (table.lookup("FALSE").how, table.lookup("FALSE").key) == ("exact", "false")
    assert table.lookup("False. Long story.").how == "leading"
    assert table.lookup("The post is fake").how == "rule"
    assert table.attribution_for("Misattributed") is AttributionStatus.MISATTRIBUTED
    assert table.attribution_for("False") is None


def test_normalise_rating():
    assert normalise_rating("  Half-True!! ") == "half true"
    assert normalise_rating("“Pants  on\nFire”") == "pants on fire"


def test_a_user_file_adds_to_and_overrides_the_default(tmp_path, monkeypatch):
    own = tmp_path / "ours.toml"
    own.write_text(
        '[ratings]\n"Satire" = "misleading"\n"Two stars" = "mostly_refuted"\n'
        '[[rules]]\npattern = "^we could not verify"\nstatus = "not_enough_evidence"\n',
        encoding="utf-8",
    )
    table = load_rating_table(own)
    assert table.status_for("satire") is Status.MISLEADING
    assert table.status_for("TWO STARS") is Status.MOSTLY_REFUTED
    assert table.status_for("False") is Status.REFUTED  # the default is still there
    assert table.lookup("We could not verify this").how == "rule"
    assert table.sources == (str(own.resolve()), "default")
    monkeypatch.setenv("REGISTRY_RATINGS_FILE", str(own))
    assert status_for_rating("Two stars") is Status.MOSTLY_REFUTED


def test_replace_default_uses_the_user_file_alone(tmp_path):
    own = tmp_path / "only.toml"
    own.write_text('replace_default = true\n[ratings]\n"Bogus" = "refuted"\n', encoding="utf-8")
    table = load_rating_table(own)
    assert table.status_for("bogus") is Status.REFUTED
    assert table.status_for("False") is Status.NOT_ENOUGH_EVIDENCE


def test_an_edited_file_is_read_again(tmp_path):
    own = tmp_path / "t.toml"
    own.write_text('[ratings]\n"Meh" = "mixed"\n', encoding="utf-8")
    assert load_rating_table(own).status_for("meh") is Status.MIXED
    own.write_text('[ratings]\n"Meh" = "misleading"\n', encoding="utf-8")
    import os

    os.utime(own, ns=(1, 10**18))
    assert load_rating_table(own).status_for("meh") is Status.MISLEADING


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('[ratings\n', "invalid TOML"),
        ('[ratings]\n"False" = "wrong"\n', "rating 'False': 'wrong' is not one of supported"),
        ('[ratings]\n"False" = "unverified"\n', "is not one of"),
        ('ratings = 3\n', "[ratings] must be a table"),
        ('[[rules]]\npattern = "("\nstatus = "refuted"\n', "rule 1: invalid pattern"),
        ('[[rules]]\npattern = "x"\n', "rule 1 must have exactly 'pattern' and 'status'"),
        ('[attribution]\n"x" = "refuted"\n', "attribution 'x': 'refuted' is not one of"),
        ('[statuses]\n', "unknown key(s) statuses"),
        ('replace_default = "yes"\n', "replace_default must be true or false"),
    ],
)
def test_a_bad_user_file_is_one_config_error_naming_it(tmp_path, content, reason):
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rating_table(bad)
    assert str(bad.resolve()) in str(caught.value) and reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match="missing.toml: not found"):
        load_rating_table(tmp_path / "missing.toml")
