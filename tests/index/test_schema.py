"""Opening index files."""

from __future__ import annotations

import sqlite3

import pytest

from medannot.errors import ExportError
from medannot.index import Searcher


def test_missing_file_says_how_to_build_one(tmp_path):
    with pytest.raises(ExportError, match=r"MA402.*no such file.*medannot index build"):
        Searcher(tmp_path / "none.sqlite")


def test_other_sqlite_files_and_garbage_are_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)")
    with pytest.raises(ExportError, match="no medannot tables"):
        Searcher(other)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ExportError, match="MA402"):
        Searcher(garbage)


def test_an_index_of_an_older_format_is_refused_not_misread(index_db, tmp_path):
    old = tmp_path / "old.sqlite"
    old.write_bytes(index_db.read_bytes())
    connection = sqlite3.connect(old)
    connection.execute("UPDATE info SET value = 'medannot-index/3' WHERE key = 'format'")
    connection.commit()
    connection.close()
    with pytest.raises(ExportError, match=r"MA402.*format 'medannot-index/3', expected 'medannot-index/4'.*medannot index build"):
        Searcher(old)
    from medannot.index import IndexWriter

    with pytest.raises(ExportError, match="MA402"):
        IndexWriter(old)
