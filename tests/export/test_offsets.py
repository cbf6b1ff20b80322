from medannot.export.offsets import offset_converter


def test_codepoints_are_unchanged_and_utf16_counts_surrogate_pairs():
    text = "a😀b𠮷c"
    assert [offset_converter(text, "codepoints")(i) for i in range(6)] == [0, 1, 2, 3, 4, 5]
    to_utf16 = offset_converter(text, "utf16")
    units = text.encode("utf-16-le")
    for i in range(len(text) + 1):
        assert units[: 2 * to_utf16(i)].decode("utf-16-le") == text[:i]
