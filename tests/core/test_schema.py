import pytest

from annotator.core.schema import LabelSchema, SchemaError
from annotator.paths import resource_path


def default_schema() -> LabelSchema:
    return LabelSchema.parse(resource_path("label_schema.toml").read_text(encoding="utf-8"))


def test_default_schema_matches_design():
    schema = default_schema()
    assert [(label.name, label.key) for label in schema.block_labels] == [
        ("body", "b"),
        ("boilerplate", "x"),
        ("title", "t"),
        ("byline", "y"),
        ("caption", "c"),
        ("heading", "h"),
    ]
    assert schema.entity_label_names == [
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "DATE",
        "EVENT",
        "MISC",
    ]
    assert [label.key for label in schema.entity_labels] == list("12345678")
    assert schema.quote_key == "q" and schema.speaker_key == "s"


def test_binary_view_maps_body_and_heading_to_body():
    schema = default_schema()
    assert [schema.binary(n) for n in schema.block_label_names] == [
        "body",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "body",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[blocks.labels]]\nname='a'\nkey='b'\n[[blocks.labels]]\nname='c'\nkey='b'\n",
            "key 'b' is used by two block labels",
        ),
        ("[[blocks.labels]]\nname='a'\nkey='bb'\n", "'key' must be one character"),
        ("[[blocks.labels]]\nkey='b'\n", "a label needs a 'name'"),
        ("blocks = [", "not valid TOML"),
        ("[blocks]\nbinary_body=['nope']\n", "unknown labels"),
    ],
)
def test_bad_schemas_are_refused_with_the_field(text, message):
    with pytest.raises(SchemaError, match=message):
        LabelSchema.parse(text, "my.toml")
