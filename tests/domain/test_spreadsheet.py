import csv
import io

import pytest

from desktop.domain.spreadsheet import BOM, csv_text, neutralise


@pytest.mark.parametrize("text", ["=1+1", "+33612345678", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Łukasz", "Nguyễn Thị", "", "O'Brien", "a=b"])
def test_plain_text_is_kept(text):
    assert neutralise(text) == text


def test_none_is_an_empty_cell():
    assert neutralise(None) == ""


def test_document_has_bom_semicolons_and_quoted_newlines():
    doc = csv_text(["Nom", "Note"], [["Ørsted", "ligne 1\nligne 2; suite"], ["=cmd", 3]])
    assert doc.startswith(BOM)
    rows = list(csv.reader(io.StringIO(doc[len(BOM) :], newline=""), delimiter=";"))
    assert rows == [["Nom", "Note"], ["Ørsted", "ligne 1\nligne 2; suite"], ["'=cmd", "3"]]
