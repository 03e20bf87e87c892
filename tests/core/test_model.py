import pytest

from annotator.core.model import Range, validate_source_name
from annotator.core.text import text_fingerprint


def test_ranges():
    assert Range(0, 5).overlaps(Range(4, 6))
    assert not Range(0, 5).overlaps(Range(5, 6))
    assert Range(0, 10).contains(Range(2, 3))
    with pytest.raises(ValueError):
        Range(5, 2)


def test_fingerprint_ignores_case_and_spacing_only():
    assert text_fingerprint("Hello  World\n") == text_fingerprint("hello world")
    assert text_fingerprint("Hello World") != text_fingerprint("Hello, World")


@pytest.mark.parametrize("name", ["gold", "suggestions", "", "  ", "a:b"])
def test_reserved_or_empty_annotator_names_are_refused(name):
    with pytest.raises(ValueError):
        validate_source_name(name)


def test_blocks_without_features_pickle_to_the_shared_empty_mapping():
    import pickle

    from annotator.core.model import Block

    block = pickle.loads(pickle.dumps(Block(3, 9)))
    assert block == Block(3, 9)
    assert block.features is Block(0, 1).features
    assert dict(block.features) == {}
