"""A file's own words for regions and categories, mapped once to the names the deployment knows:
`tradestats import FILE --values "交易类别:某词=土地使用权,地区:某区=市本级"`. A mapping that imported is remembered
in the deployment folder (beside the database, as column mappings are) and used by the next import, the plan
saying so; a refusal for unknown words prints the --values that would fit (the nearest known names)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tradestats.ingest import headers, vocabulary
from tradestats.ingest.rules import norm

STORE = "value_mappings.json"  # in the folder of the database
FIELDS = {"地区": "region", "区域": "region", "region": "region", "板块": "sector", "交易类型": "sector",
          "交易类别": "sector", "类别": "sector", "sector": "sector", "trade_type": "sector"}
WORDS = {"region": "地区", "sector": "交易类别"}  # how a refusal names the field in the --values it prints


@dataclass(frozen=True)
class Values:
    """Words mapped by hand: (field 'region' or 'sector', the word as the file writes it, the known name)."""

    pairs: tuple[tuple[str, str, str], ...]
    saved: bool = False  # remembered from an earlier import

    def describe(self) -> str:
        how = "按上次保存的取值对应" if self.saved else "按指定的取值对应"
        return how + "：" + "，".join(f"{WORDS[f]}“{w}”→{t}" for f, w, t in self.pairs)

    def text(self) -> str:
        return ",".join(f"{WORDS[f]}:{w}={t}" for f, w, t in self.pairs)


def parse(text: str, columns: dict[str, str]) -> tuple[Values | None, list[str]]:
    """--values' text as Values, or the problems with it (Chinese). columns: header words → field, for a
    left side written as the file's own header (交易类别)."""
    pairs, problems = [], []
    for part in (p.strip() for p in re.split(r"[,，]", text or "") if p.strip()):
        found = re.fullmatch(r"(.+?)[:：](.+?)=(.+)", part)
        if not found:
            problems.append(f"--values 的“{part}”应写作 列名:文件中的写法=已知的名称，如 交易类别:某词=土地使用权。")
            continue
        column, word, target = (g.strip() for g in found.groups())
        field = FIELDS.get(column) or FIELDS.get(columns.get(norm(column), ""))
        if field is None:
            problems.append(f"--values 的“{column}”不是地区或交易类别（板块）列；只能对应这两类取值。")
            continue
        pairs.append((field, word, target))
    return (Values(tuple(pairs)) if pairs and not problems else None), problems


def apply(vocab, values: Values | None):
    """The vocabulary with the words mapped (a copy), and the problems of targets it does not know."""
    if values is None:
        return vocab, []
    regions, types, sectors = dict(vocab.regions), dict(vocab.types), dict(vocab.sectors)
    problems = []
    for field, word, target in values.pairs:
        known = regions if field == "region" else types
        if norm(target) not in known:
            names = [k for k in known if not k.isdigit() and not re.fullmatch(r"[a-z_]+", k)]
            problems.append(f"--values 中“{target}”不是已知的{'地区' if field == 'region' else '板块或交易类型'}"
                            + vocabulary.suggest(norm(target), names))
            continue
        known[norm(word)] = known[norm(target)]
        if field == "sector":
            sectors[norm(word)] = sectors[norm(target)]
    return dataclasses.replace(vocab, regions=regions, types=types, sectors=sectors), problems


def prepare(db_path: Path, given: str | None, vocab):
    """The words an import maps — --values' (given), else those remembered beside the database —, the
    vocabulary with them mapped, and the problems of either."""
    words, problems = parse(given, vocab.columns) if given else (load(db_path), [])
    vocab, more = apply(vocab, words)
    return words, vocab, problems + more


def nearest(field: str, word: str, vocab) -> str | None:
    """The known name a refusal suggests for a word (Vocabulary.names_for's nearest, if close), else None."""
    return vocabulary.nearest(norm(word), choices(field, word, vocab))


def choices(field: str, word: str, vocab) -> list[str]:
    """The known names a word may be mapped to, the nearest first."""
    return vocab.names_for(field, norm(word))


def store_path(db_path: Path) -> Path:
    return Path(db_path).parent / STORE


def load(db_path: Path) -> Values | None:
    """The words remembered for the deployment."""
    try:
        saved = json.loads(store_path(db_path).read_text(encoding="utf-8"))
        return Values(tuple(tuple(p) for p in saved["pairs"]), saved=True) if saved.get("pairs") else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(db_path: Path, values: Values | None) -> None:
    """Keep the words of an import that went in, beside those remembered (written whole, then renamed)."""
    if values is None or values.saved:
        return
    def merged(saved: dict) -> dict:
        pairs = {(f, norm(w)): [f, w, t] for f, w, t in saved.get("pairs", []) if isinstance(w, str)}
        pairs |= {(f, norm(w)): [f, w, t] for f, w, t in values.pairs}
        return {"pairs": list(pairs.values()), "saved_at": dt.datetime.now().isoformat(timespec="seconds")}

    headers.update_store(store_path(db_path), merged)
