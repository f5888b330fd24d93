"""Codebooks as tests (STYLE #11): one test per row of the reference CAMEO table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from entente.events import codebook

REF = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def _rows() -> list[dict[str, str]]:
    path = REF / "cameo_event_codes.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


ROWS = _rows()


def test_packaged_codebook_has_every_reference_code(shared_dir: Path) -> None:
    assert len(ROWS) == 311
    assert {r["code"] for r in ROWS} == set(codebook.load().codes)


@pytest.mark.parametrize("row", ROWS, ids=[r["code"] for r in ROWS])
def test_row_agrees_with_reference(row: dict[str, str], shared_dir: Path) -> None:
    code = codebook.load()[row["code"]]
    assert code.root == row["root_code"]
    assert code.name == row["name"]
    assert code.goldstein == float(row["goldstein"])
    assert code.quad_class == int(row["quad_class"])
    assert code.pentaclass == int(row["phoenix_pentaclass"])
    if row["plover_event"] and not row["plover_event"].startswith("("):
        assert code.plover_type == row["plover_event"]
        assert (code.plover_mode or "") == row["plover_mode"]


def test_rebuilding_gives_the_packaged_file(shared_dir: Path) -> None:
    built = codebook.write_csv(codebook.build(shared_dir / "reference"))
    packaged = (Path(codebook.__file__).parent / "data" / "codebook.csv").read_text("utf-8")
    assert built == packaged


def test_root_codes_take_their_plover_type_from_the_unspecified_child() -> None:
    book = codebook.load()
    assert book["03"].plover_type == "AGREE" == book["030"].plover_type
    assert book["01"].plover_type is None and book["19"].plover_type == "ASSAULT"
    assert all(c.quad_class in (1, 2, 3, 4) for c in book.codes.values())
