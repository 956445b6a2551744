#!/usr/bin/env python3
"""Fills Cairn's blank pre-inspection return (XLSX) the way a spreadsheet
would save it, or makes a hostile file from it, for the e2e tests.

  xlsxfill.py fill BLANK OUT JSON   JSON: {"sheet": [[cell, ...], ...]}: rows
                                    written from row 2 (str: inline text,
                                    int/float: number, bool: boolean,
                                    {"f": F, "v": V}: a formula and its value)
  xlsxfill.py bomb OUT              a zip whose workbook uncompresses to 60 MB
  xlsxfill.py entities BLANK OUT    a sheet with a DOCTYPE and entities
  xlsxfill.py absurd BLANK OUT      a cell at XFD1048577
  xlsxfill.py nowb BLANK OUT        the workbook part removed
"""
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape


def sheets(z):
    """Maps sheet name to its part in the zip."""
    wb = z.read('xl/workbook.xml').decode()
    rels = z.read('xl/_rels/workbook.xml.rels').decode()
    target = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"', wb):
        out[name] = 'xl/' + target[rid]
    return out


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(ref, v):
    if isinstance(v, bool):
        return '<c r="%s" t="b"><v>%d</v></c>' % (ref, v)
    if isinstance(v, (int, float)):
        return '<c r="%s"><v>%s</v></c>' % (ref, v)
    if isinstance(v, dict):
        return '<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, escape(v['f']), v['v'])
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))


def rewrite(blank, out, change, drop=()):
    zin = zipfile.ZipFile(blank)
    parts = {n: zin.read(n) for n in zin.namelist() if n not in drop}
    change(parts, sheets(zin))
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zo:
        for n, b in parts.items():
            zo.writestr(n, b)


def add_rows(parts, part, xml):
    s = parts[part].decode()
    parts[part] = s.replace('</row></sheetData>', '</row>' + xml + '</sheetData>').encode()


def main():
    mode = sys.argv[1]
    if mode == 'fill':
        data = json.loads(sys.argv[4])

        def change(parts, where):
            for name, rows in data.items():
                xml = ''
                for i, row in enumerate(rows, start=2):
                    xml += '<row r="%d">%s</row>' % (i, ''.join(
                        cell('%s%d' % (col(c), i), v) for c, v in enumerate(row, start=1)
                        if v is not None))
                add_rows(parts, where[name], xml)
        rewrite(sys.argv[2], sys.argv[3], change)
    elif mode == 'bomb':
        with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as zo:
            zo.writestr('xl/workbook.xml', '<workbook>' + ' ' * (60 << 20) + '</workbook>')
    elif mode == 'entities':
        def change(parts, where):
            p = where['children']
            s = parts[p].decode().replace(
                '<worksheet', '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><worksheet', 1)
            parts[p] = s.encode()
        rewrite(sys.argv[2], sys.argv[3], change)
    elif mode == 'absurd':
        def change(parts, where):
            add_rows(parts, where['children'], '<row r="2"><c r="XFD1048577"><v>1</v></c></row>')
        rewrite(sys.argv[2], sys.argv[3], change)
    elif mode == 'nowb':
        rewrite(sys.argv[2], sys.argv[3], lambda p, w: None)
        z = zipfile.ZipFile(sys.argv[3])
        parts = {n: z.read(n) for n in z.namelist() if n != 'xl/workbook.xml'}
        with zipfile.ZipFile(sys.argv[3], 'w') as zo:
            for n, b in parts.items():
                zo.writestr(n, b)
    else:
        sys.exit('unknown mode ' + mode)


main()
