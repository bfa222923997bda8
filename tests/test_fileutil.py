import os

import pytest

from ehwatch import fileutil


def test_write_new_file_never_overwrites(tmp_path):
    target = tmp_path / "a.p12"
    fileutil.write_new_file(target, b"first")
    with pytest.raises(FileExistsError):
        fileutil.write_new_file(target, b"second")
    assert target.read_bytes() == b"first"
    assert fileutil.leftover_temp_files(tmp_path) == []
    assert oct(os.stat(target).st_mode & 0o777) == "0o600"


def test_replace_own_file_swaps_content(tmp_path):
    target = tmp_path / "b.p12"
    fileutil.write_new_file(target, b"pending")
    fileutil.replace_own_file(target, b"complete")
    assert target.read_bytes() == b"complete"
    assert fileutil.leftover_temp_files(tmp_path) == []
