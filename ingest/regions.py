"""A region gazetteer (全国 ⊃ 省 ⊃ 市 ⊃ 县/区) built from the administrative codes shipped by ``cpca``.

Names resolve by full name (太原市) or short form (太原); short county names are disambiguated
by a context region. Common words that double as short forms are excluded by the data file
``dictionaries/region_exclusions.txt``; ethnic names for 自治州/县 short forms come from cpca's
``56_nations.csv``.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.errors import ConfigError
from ingest.records import Region

COUNTRY = Region("全国", "country", None, "000000")
# Words that name the whole country in policy text.
COUNTRY_ALIASES: frozenset[str] = frozenset({"全国", "国家", "中国", "我国", "中华人民共和国"})
# Administrative suffixes stripped to form short names, longest first.
SUFFIXES: tuple[str, ...] = (
    "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
    "林区", "地区", "新区", "省", "市", "盟", "县", "区", "旗",
)
PLACEHOLDER_NAMES: frozenset[str] = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
EXTRA_REGIONS_FILE = Path(__file__).resolve().parent / "dictionaries" / "regions_extra.tsv"
REGION_GROUPS_FILE = Path(__file__).resolve().parent / "dictionaries" / "region_groups.tsv"
EXCLUSIONS_FILE = Path(__file__).with_name("dictionaries") / "region_exclusions.txt"
_LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "county": 3}


def _cpca_resources() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("cpca is not installed: pip install cpca==0.5.5 (its adcodes data builds the gazetteer)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def load_extra_regions(path: Path | None = None) -> list[Region]:
    """Regions cpca's table lacks (``dictionaries/regions_extra.tsv``: name, level, parent, code).

    新疆生产建设兵团 (a province-level unit in plans), districts created after the table was made
    (繁昌区, 2020). Raises DictionaryError naming the file and line on a bad row.
    """
    from ingest.errors import DictionaryError

    path = path or EXTRA_REGIONS_FILE
    out: list[Region] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or cols[1] not in ("province", "city", "county"):
            raise DictionaryError(f"{path}:{lineno}: expected 'name<TAB>province|city|county<TAB>parent<TAB>code', got {cols!r}")
        out.append(Region(cols[0], cols[1], cols[2] or None, cols[3]))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class RegionGroup:
    """Regions named by one word (川渝 / 成渝: 四川省 and 重庆市)."""

    forms: tuple[str, ...]
    members: tuple[str, ...]


def load_region_groups(path: Path | None = None) -> tuple[RegionGroup, ...]:
    """The region groups of ``dictionaries/region_groups.tsv``; a bad row raises DictionaryError naming the line."""
    from ingest.datafiles import data_lines
    from ingest.errors import DictionaryError

    path = path or REGION_GROUPS_FILE
    out: list[RegionGroup] = []
    for lineno, cols in data_lines(path):
        if len(cols) != 2 or not cols[0] or not cols[1]:
            raise DictionaryError(f"{path}:{lineno}: expected 'forms<TAB>members', got {cols!r}")
        out.append(RegionGroup(tuple(cols[0].split("|")), tuple(cols[1].split("|"))))
    return tuple(out)


@lru_cache(maxsize=1)
def region_groups() -> tuple[RegionGroup, ...]:
    """The shipped region groups (read once)."""
    return load_region_groups()


def groups_named(text: str) -> list[RegionGroup]:
    """The region groups a text names by one of their forms, in order of the groups file."""
    return [g for g in region_groups() if any(f in text for f in g.forms)]


def _read_word_list(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(f"{path}: cannot read word list: {e}") from e
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


class Gazetteer:
    """Region lookup with hierarchy; build once with :meth:`load` (cached)."""

    def __init__(self, regions: Iterable[Region], nations: Iterable[str] = (), exclusions: Iterable[str] = ()):
        self.regions: list[Region] = [COUNTRY, *regions]
        self.by_name: dict[str, list[Region]] = {}
        self.by_short: dict[str, list[Region]] = {}
        self.by_code: dict[str, Region] = {r.code: r for r in self.regions}
        self.exclusions = frozenset(exclusions)
        nation_names = sorted({n.removesuffix("族") for n in nations if len(n) > 1}, key=len, reverse=True)
        self._nation_names = nation_names
        for region in self.regions:
            self.by_name.setdefault(region.name, []).append(region)
            short = self._short_form(region.name, nation_names)
            if short and short != region.name and len(short) >= 2:
                self.by_short.setdefault(short, []).append(region)
        # Name lengths by first two characters, longest first: scanning text only tries these.
        lengths: dict[str, set[int]] = {}
        for name in [*self.by_name, *self.by_short]:
            if len(name) >= 2 and name not in self.exclusions:
                lengths.setdefault(name[:2], set()).add(len(name))
        self._lengths_by_bigram = {k: sorted(v, reverse=True) for k, v in lengths.items()}

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Gazetteer:
        """The gazetteer built from cpca's ``adcodes.csv`` (loaded once per process)."""
        resources = _cpca_resources()
        with (resources / "adcodes.csv").open(encoding="utf-8") as f:
            # 市辖区 / 县 rows are placeholders under municipalities, not places.
            rows = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(f) if row["name"] not in PLACEHOLDER_NAMES]
        names = {code: name for code, name in rows}
        regions: list[Region] = []
        for code, name in rows:
            if code[2:] == "0000":
                regions.append(Region(name, "province", COUNTRY.name, code))
            elif code[4:] == "00":
                regions.append(Region(name, "city", names.get(code[:2] + "0000"), code))
            else:
                # Districts of municipalities and county-level cities under a province have no city row.
                parent = names.get(code[:4] + "00") or names.get(code[:2] + "0000")
                regions.append(Region(name, "county", parent, code))
        known = {r.name for r in regions}
        regions.extend(r for r in load_extra_regions() if r.name not in known)
        nations = _read_word_list(resources / "56_nations.csv")
        return cls(regions, nations, _read_word_list(EXCLUSIONS_FILE))

    def short_name(self, name: str) -> str:
        """The short form plans write for a region (太原市 → 太原, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边);
        the name itself when it has no administrative suffix."""
        return self._short_form(name or "", self._nation_names)

    def province_names(self) -> tuple[str, ...]:
        """The province-level units (provinces, autonomous regions, municipalities, SARs, 新疆生产建设兵团)."""
        return tuple(sorted(r.name for r in self.regions if r.level == "province"))

    @staticmethod
    def _short_form(name: str, nation_names: list[str]) -> str:
        for suffix in SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                short = name[: -len(suffix)]
                if suffix in ("自治州", "自治县", "自治旗"):
                    # 延边朝鲜族自治州 -> 延边: strip trailing ethnic names.
                    short = short.removesuffix("族")
                    changed = True
                    while changed:
                        changed = False
                        for nation in nation_names:
                            if short.endswith(nation) and len(short) > len(nation):
                                short = short[: -len(nation)].removesuffix("族")
                                changed = True
                return short
        return name

    def _candidates(self, name: str, *, allow_short: bool = True) -> list[Region]:
        if name in COUNTRY_ALIASES:
            return [COUNTRY]
        found = list(self.by_name.get(name, []))
        if not found and allow_short and name not in self.exclusions:
            found = list(self.by_short.get(name, []))
        return found

    def _pick(self, candidates: list[Region], context_region: str | None) -> Region | None:
        if not candidates:
            return None
        if context_region:
            context = {r.name for r in self._chain(context_region) if r.level != "country"}
            inside = [r for r in candidates if context & {a.name for a in self._chain_of(r)}]
            # Prefer the candidate that shares the most specific ancestor with the context.
            if inside:
                return max(inside, key=lambda r: len(context & {a.name for a in self._chain_of(r)}))
        top = min(_LEVEL_RANK[r.level] for r in candidates)
        best = [r for r in candidates if _LEVEL_RANK[r.level] == top]
        return best[0] if len(best) == 1 else None

    def resolve(self, name: str, context_region: str | None = None) -> Region | None:
        """Region for a full or short name (太原 -> 太原市, 全国/国家 -> 全国), or None.

        Args:
            name: full name (山西省), short form (山西) or a country alias.
            context_region: a region the text belongs to; used to choose among same-named
                counties (鼓楼区) and to prefer counties inside it.
        """
        name = name.strip()
        if not name:
            return None
        return self._pick(self._candidates(name), context_region)

    def _chain_of(self, region: Region) -> list[Region]:
        chain = [region]
        seen = {region.code}
        while chain[-1].parent:
            parents = self.by_name.get(chain[-1].parent, [])
            # Parent names are unique at province/city level; prefer the one whose code prefixes ours.
            parent = next((p for p in parents if region.code.startswith(p.code.rstrip("0")[:2])), parents[0] if parents else None)
            if parent is None or parent.code in seen:
                break
            seen.add(parent.code)
            chain.append(parent)
        return chain

    def _chain(self, name: str) -> list[Region]:
        region = self.resolve(name)
        return self._chain_of(region) if region else []

    def ancestors(self, name: str) -> list[Region]:
        """Parents of a region, nearest first, ending with 全国 ([] if unknown)."""
        return self._chain(name)[1:]

    def find_mentions(self, text: str, context_region: str | None = None) -> list[Region]:
        """Regions named in a text, in order of first mention, without duplicates or 全国.

        Full names always count; short forms count unless listed as common words, and a short
        county-level form counts only inside ``context_region``'s province.
        """
        context_chain = self._chain(context_region) if context_region else []
        context_province = next((r for r in context_chain if r.level == "province"), None)
        found: dict[str, Region] = {}
        i = 0
        while i < len(text):
            hit: tuple[int, Region] | None = None
            for length in self._lengths_by_bigram.get(text[i : i + 2], ()):
                piece = text[i : i + length]
                if len(piece) < length:
                    continue
                full = piece in self.by_name
                if not full and (piece in self.exclusions or piece not in self.by_short):
                    continue
                candidates = self._candidates(piece) if full else list(self.by_short[piece])
                region = self._pick(candidates, context_region)
                if region is None or region.level == "country":
                    continue
                if not full and region.level == "county":
                    # Short county names ("清徐") count only inside the context's province.
                    if context_province is None or context_province not in self._chain_of(region):
                        continue
                hit = (length, region)
                break
            if hit:
                found.setdefault(hit[1].name, hit[1])
                i += hit[0]
            else:
                i += 1
        return list(found.values())

    def place_opening(self, name: str, within: str) -> Region | None:
        """The place (full or short name) that opens ``name`` and lies in the province of ``within``, else None.

        ``南昌铁路局`` in a 江西省 plan -> 南昌市: a body named after a place of the plan's province already
        carries its place. Places of other provinces (东湖区 in a 武汉 plan) and the province itself do not count.
        """
        chain = self._chain(within) if within else []
        province = next((r for r in chain if r.level == "province"), None)
        if province is None:
            return None
        for length in self._lengths_by_bigram.get(name[:2], ()):
            piece = name[:length]
            if len(piece) < length or len(name) - length < 2 or piece in self.exclusions:
                continue
            candidates = self._candidates(piece)
            region = self._pick(candidates, within) if candidates else None
            if region is not None and region != province and province in self._chain_of(region):
                return region
        return None

    def region_records(self, names: Iterable[str], context_region: str | None = None) -> list[Region]:
        """Regions for names, with all their ancestors, unique, ordered country -> county."""
        out: dict[str, Region] = {}
        for name in names:
            region = self.resolve(name, context_region)
            if region is None:
                continue
            for r in self._chain_of(region):
                out.setdefault(r.name, r)
        return sorted(out.values(), key=lambda r: (_LEVEL_RANK[r.level], r.code, r.name))


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer instance."""
    return Gazetteer.load()


def short_name(name: str) -> str:
    """A region's short form by the shared gazetteer (the one home of region suffix rules)."""
    return get_gazetteer().short_name(name)


def resolve_region(name: str) -> Region | None:
    """The region the shared gazetteer reads ``name`` as (海西 -> 海西蒙古族藏族自治州, 海南 -> 海南省), or None."""
    return get_gazetteer().resolve(name)


def region_named(name: str) -> bool:
    """Whether ``name`` names a region of the gazetteer (福建, 宜宾市, 海西)."""
    return resolve_region(name) is not None


def written_alike(a: str, b: str) -> bool:
    """Whether two places of one province are written the same (宜宾市 and 宜宾县 are both 宜宾): neither a province,
    both known to the gazetteer with codes of the same province (吉林市 and 吉林省, 朝阳市 and 北京's 朝阳区 are not)."""
    gazetteer = get_gazetteer()
    ra, rb = gazetteer.resolve(a), gazetteer.resolve(b)
    if ra is None or rb is None or "province" in (ra.level, rb.level) or len(ra.code) < 2 or len(rb.code) < 2:
        return False
    return ra.code[:2] == rb.code[:2] and gazetteer.short_name(a) == gazetteer.short_name(b)


def place_opening(name: str, within: str) -> str:
    """The name of the place of ``within``'s province that opens ``name`` (see :meth:`Gazetteer.place_opening`),
    or ""."""
    region = get_gazetteer().place_opening(name, within)
    return region.name if region else ""


def province_names() -> tuple[str, ...]:
    """The province-level units by the shared gazetteer."""
    return get_gazetteer().province_names()


def province_of(name: str) -> str | None:
    """The province-level unit that holds the place ``name`` (itself for a province or a municipality: 山西省, 上海市),
    or None for 全国 and a place the gazetteer does not know."""
    gazetteer = get_gazetteer()
    region = gazetteer.resolve(name)
    if region is None or region.level == "country":
        return None
    if region.level == "province":
        return region.name
    return next((r.name for r in gazetteer.ancestors(region.name) if r.level == "province"), None)
