"""Score responsibility extraction against an annotation gold file written by reading documents.

A gold line names a document (file name), an ``evidence`` substring of the annotated clause's own
text, and the ``lead`` / ``co`` / ``implementing`` agencies a reader sees in the annotation
(``annotated: false`` lines assert that the clause names no agency). The scorer parses each
document with the ingest pipeline (nothing is stored), finds the innermost clause whose text holds
the evidence and compares the extracted responsibilities of that clause role by role (a clause with none of its own is
scored with its unit's annotation, as answers are).

Names match when they are equal after NFKC and whitespace removal, after alias normalisation
(``发改委`` = ``发展改革委``), when the gold name, with a leading region name removed, equals the
extracted agency's region-free type, or when a division written bare (``执法处``) ends the extracted
name (``辽宁省自然资源厅执法处``: the extractor names divisions with their department). Precision and recall are micro-averaged over
(gold line, agency) pairs per role.

A "false no-agency" is an annotated gold line whose clause got no responsibility at all and no
``unreadable annotation`` flag: the answer would wrongly say the document names no agency.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.agencies import NATIONAL_OPENINGS, alias_rules, field_typo_repaired, is_subsequence, normalise_suffix
from ingest.regions import province_names, region_named, resolve_region, short_name
from ingest.errors import IngestError
from ingest.records import ROLES, Clause, ParsedDocument
from ingest.responsibility import inherited_from_unit

# A leading region name to ignore when comparing region-free forms: 河北省, 德州市, 广西壮族自治区, 海西州.
LEADING_REGION = r"[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|省|市|州|盟)"
LEADING_REGION_RE = re.compile(rf"^(?:{LEADING_REGION})(?=[\u4e00-\u9fff]{{2}})")


# An internal division of a department (执法处, 国土空间规划处 of a province's department; 行政审批科, 公用事业管理科 of a
# city's bureau): the extractor names it with the issuing department, a reader may write it bare.
DIVISION_RE = re.compile(r"(?:处|处室|科|科室)$")


# brackets of every form a name may be written with (各市〔州〕人民政府 = 各市（州）人民政府)
BRACKETS = str.maketrans({"〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")", "【": "(", "】": ")"})


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").translate(BRACKETS).split())


def _strip_region(name: str) -> str:
    for province in province_names():
        if name.startswith(province):
            name = name[len(province) :]
            break
    return LEADING_REGION_RE.sub("", name) if not name.startswith(("市", "省", "县")) else name[1:]


# what closes the department a division is named with (…住房和城乡建设局 | 行政审批科, …生态环境厅 | 执法处)
DEPARTMENT_END_RE = re.compile(r"(?:局|厅|委|委员会|部|署|办|办公室|中心|院)$")


def division_written_bare(gold: str, name: str) -> bool:
    """Whether ``gold`` is a division written bare (执法处, 行政审批科) and ``name`` the same division named with its
    department (…自然资源厅执法处, …住房和城乡建设局行政审批科) — the whole division, never its last words (建设科 is
    not …村镇建设科)."""
    g, e = _norm(gold), _norm(name)
    return (
        bool(DIVISION_RE.search(g))
        and len(e) > len(g)
        and e.endswith(g)
        and bool(DEPARTMENT_END_RE.search(e[: len(e) - len(g)]))
    )


# a sub-region's body as a document of that sub-region writes it (繁昌区发展改革委), and the parent region the extractor
# qualifies it with (芜湖市繁昌区发展改革委)
PARENT_REGION_RE = re.compile(rf"^{LEADING_REGION}$")
SUB_REGION_BODY_RE = re.compile(r"^[\u4e00-\u9fff]{2,5}?(?:区|县|旗)[\u4e00-\u9fff]{2,}")


def sub_region_body_written_bare(gold: str, name: str) -> bool:
    """Whether ``gold`` is a sub-region's body written without its parent region (繁昌区发展改革委) and ``name`` the same
    body named with it (芜湖市繁昌区发展改革委)."""
    g, e = _norm(gold), _norm(name)
    return (
        len(e) > len(g)
        and e.endswith(g)
        and bool(SUB_REGION_BODY_RE.match(g))
        and bool(PARENT_REGION_RE.match(e[: len(e) - len(g)]))
    )


def sub_region_body_written_in_full(gold: str, name: str) -> bool:
    """Whether ``gold`` writes a sub-region's body with its parent region (上海市浦东新区人民政府) and ``name`` the same body
    as the sub-region's own document writes it (浦东新区人民政府): :func:`sub_region_body_written_bare` the other way."""
    return sub_region_body_written_bare(name, gold)


def national_body_written_bare(gold: str, name: str) -> bool:
    """Whether ``gold`` is a national body written without 国家 / 国务院 as a national document writes it (发展改革委, 能源局,
    国资委) and ``name`` the same body named with it (国家发展改革委, 国务院国资委)."""
    g, e = _norm(gold), _norm(name)
    return any(e == opening + g for opening in NATIONAL_OPENINGS)


# an autonomous region, prefecture, county or banner opening a name (海西蒙古族藏族自治州林草部门)
AUTONOMOUS_PLACE_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12}?自治(?P<level>州|县|旗|区))")


def _autonomous_opening(name: str) -> tuple[str, str, str, str] | None:
    """For a (normalised) name an autonomous place with a short form opens: (the place, its short form, the level written
    after the short form — none for a region: 内蒙古, not 内蒙古区 —, the rest of the name); None otherwise."""
    m = AUTONOMOUS_PLACE_RE.match(name)
    if not m or (short := short_name(m.group("place"))) == m.group("place"):
        return None
    return m.group("place"), short, "" if m.group("level") == "区" else m.group("level"), name[m.end() :]


def autonomous_place_written_short(gold: str, name: str) -> bool:
    """Whether ``gold`` writes an autonomous place by its short form, with or without its level (海西州林草部门, 海西林草
    部门, 内蒙古发展改革委) and ``name`` by its full name (海西蒙古族藏族自治州林草部门, 内蒙古自治区发展改革委)."""
    g, e = _norm(gold), _norm(name)
    opening = _autonomous_opening(e)
    if opening is None:
        return False
    place, short, level, rest = opening
    if g == short + level + rest:
        return True
    # without its level only when the short form names that place (海西 -> 海西蒙古族藏族自治州; 海南 is the province)
    named = resolve_region(short)
    return g == short + rest and named is not None and named.name == place


def autonomous_place_shortened(name: str) -> str:
    """``name`` with an autonomous place opening it written by its short form and level (海西蒙古族藏族自治州农牧部门 ->
    海西州农牧部门, 内蒙古自治区发展改革委 -> 内蒙古发展改革委), or ``name`` unchanged."""
    e = _norm(name)
    opening = _autonomous_opening(e)
    if opening is None:
        return e
    _place, short, level, rest = opening
    return short + level + rest


def written_forms(name: str) -> set[str]:
    """The forms one body's name may be written in that the equivalences below compose with: as written, by the alias
    table's canonical names (芜湖市繁昌区发改委 -> 芜湖市繁昌区发展改革委), with an autonomous place by its short form
    (海西蒙古族藏族自治州农牧部门 -> 海西州农牧部门), and both."""
    shortened = autonomous_place_shortened(name)
    return {_norm(name), normalise_suffix(_norm(name)), shortened, normalise_suffix(shortened)}


def department_written_short(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one name but for one department written by its short form in the alias table
    on one side and by the full form on the other, wherever it stands in the name — before a division too
    (齐齐哈尔市住建局市政基础设施建设科 = 齐齐哈尔市住房和城乡建设局市政基础设施建设科)."""
    g, e = _norm(gold), _norm(name)
    if g == e:
        return False
    for short, full in ((g, e), (e, g)):
        for rule in alias_rules():
            if rule.kind in ("suffix", "exact") and rule.alias in short and rule.canonical in full:
                at = short.find(rule.alias)
                if short[:at] + rule.canonical + short[at + len(rule.alias) :] == full:
                    return True
    return False


# a development zone's full name before a body (北京经济技术开发区经济发展局), which its own documents write by the zone's
# generic short form (经开区经济发展局, 开发区城市运行局)
ZONE_FULL_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区)")
ZONE_SHORT_FORMS = ("经开区", "开发区", "高新区")


def zone_written_short(gold: str, name: str) -> bool:
    """Whether ``gold`` writes a development zone's body with the zone's generic short form (经开区经济发展局,
    开发区城市运行局) and ``name`` the same body with the zone's full name (北京经济技术开发区经济发展局)."""
    g, e = _norm(gold), _norm(name)
    m = ZONE_FULL_RE.match(e)
    if not m or len(e) == m.end():
        return False
    rest = e[m.end():]
    return any(g == short + rest for short in ZONE_SHORT_FORMS)


# the level word a plan writes before a body of its own place (市发展改革委, 自治区住房城乡建设厅, 省级能源主管部门), and the
# ending of the place it stands for; a body written with none of them is the plan's own place's body too (发展改革委)
OWN_PLACE_LEVEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("自治区", ("自治区",)),
    ("自治州", ("自治州",)),
    ("开发区", ("开发区", "经济技术开发区", "高新技术产业开发区", "经济开发区")),
    ("经开区", ("经济技术开发区", "经济开发区", "开发区")),
    ("高新区", ("高新区", "高新技术产业开发区")),
    ("省级", ("省",)),
    ("市级", ("市",)),
    ("县级", ("县",)),
    ("区级", ("区",)),
    ("省", ("省",)),
    ("市", ("市",)),
    ("州", ("州",)),
    ("盟", ("盟",)),
    ("县", ("县",)),
    ("区", ("区",)),
    ("旗", ("旗",)),
)
def _names_a_place(place: str) -> bool:
    """Whether ``place`` is a place of the gazetteer (梧州市, 宁夏回族自治区), one under its parent region (芜湖市繁昌区) or a
    development zone's full name (北京经济技术开发区)."""
    if region_named(place) or ZONE_FULL_RE.fullmatch(place):
        return True
    parent = LEADING_REGION_RE.match(place)
    return bool(parent) and region_named(parent.group(0)) and region_named(place[parent.end() :])


def own_place_written_bare(gold: str, name: str) -> bool:
    """Whether ``gold`` writes a body without its place, bare or after the level word a plan writes for its own place
    (发展改革委, 住建局, 市生态环境局, 自治区住房城乡建设厅, 省级住房城乡建设部门, 省民航机场集团上饶机场分公司), and ``name`` is
    that body with a place of that level (梧州市发展改革委, 宁夏回族自治区住房城乡建设厅, 江苏省住房城乡建设部门). Which place a
    bare name stands for only its document says: the QA scorer applies this only to an answer citing the gold's document."""
    g, e = _norm(gold), _norm(name)
    if g == e or len(e) <= len(g) or LEADING_REGION_RE.match(g) or any(g.startswith(p) for p in province_names()):
        return False
    readings = [(g, ())] + [
        (g[len(word) :], endings) for word, endings in OWN_PLACE_LEVEL_WORDS if g.startswith(word) and len(g) - len(word) >= 2
    ]
    for rest, endings in readings:
        if not e.endswith(rest):
            continue
        place = e[: len(e) - len(rest)]
        if _names_a_place(place) and (not endings or place.endswith(endings)):
            return True
    return False


def written_with_other_brackets(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one name written with brackets of different forms (贵州省各市〔州〕人民政府 =
    贵州省各市（州）人民政府)."""
    return gold != name and _norm(gold) == _norm(name)


def government_written_short(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one government but for 人民政府 written 政府 on one side (云南省人民政府 = 云南省政府,
    株洲市政府 = 株洲市人民政府)."""
    g, e = _norm(gold), _norm(name)
    return g != e and g.replace("人民政府", "政府") == e.replace("人民政府", "政府")


def field_written_with_a_character_lost(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one body but for its field written with a character lost on one side, as a
    document's text may write it (安徽省经济和信息厅 = 安徽省经济和信息化厅; :func:`ingest.agencies.field_typo_repaired`)."""
    g, e = _norm(gold), _norm(name)
    return g != e and field_typo_repaired(g) == field_typo_repaired(e)


# the lower places of a plan's place as a list (各区县（市）, 各设区市, 各县（市、区）): acting, they are their governments
PLACES_LIST_RE = re.compile(
    r"^(?P<places>[\u4e00-\u9fff]{0,12}?各(?:[\u4e00-\u9fff（）()、〔〕]{1,12}?)(?:市|县|区|州|盟|旗|[）)〕]))(?:人民)?政府$"
)


def places_written_as_governments(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one list of lower places but for their governments written on one side only
    (郑州市各区县（市） = 郑州市各区县（市）人民政府, 福建省各设区市 = 福建省各设区市人民政府): places charged with a task act
    through their governments."""
    g, e = _norm(gold), _norm(name)
    for governments, places in ((g, e), (e, g)):
        listed = PLACES_LIST_RE.match(governments)
        if listed is not None and listed.group("places") == places:
            return True
    return False


# a city's zone written after the city's short name (福州高新区) or its full name (福州市高新区)
CITY_ZONE_RE = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,4}?)市(?=(?:高新区|经开区|开发区|新区|高新技术产业开发区|经济技术开发区))")


def zone_city_written_short(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one zone's body but for the city before the zone written by its short name on
    one side (福州高新区管委会) and its full name on the other (福州市高新区管委会)."""
    g, e = _norm(gold), _norm(name)
    return g != e and CITY_ZONE_RE.sub(r"\g<city>", g) == CITY_ZONE_RE.sub(r"\g<city>", e)


# the bodies an annotation names by a bare short form of the document's own (ingest.agencies.abbreviated_body: 环科院,
# 监测中心) and a department's own offices written bare (第一专员办公室)
ABBREVIATED_END_RE = re.compile(r"(?:中心|站|院|所|队|办公室)$")


def written_as_the_document_abbreviates(gold: str, name: str) -> bool:
    """Whether ``gold`` is a bare short form (信息中心, 环科院, 第一专员办公室) of ``name`` as the extractor names the body
    in full (安徽省环境信息中心, 安徽省环境科学研究院, 安徽省生态环境厅第一专员办公室): its characters in order, the same
    last, and the first within the name's own part."""
    g, e = _norm(gold), _norm(name)
    if len(g) < 3 or len(e) <= len(g) or not ABBREVIATED_END_RE.search(g) or g[0] in "省市县区":
        return False
    rest = _strip_region(e)
    return rest.endswith(g[-1]) and is_subsequence(g, rest) and g[0] in rest


def written_by_the_alias_table(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one body's name written with different forms of the alias table on either side
    (黑龙江省发改委 = 黑龙江省发展改革委, 人行南京分行 = 中国人民银行南京分行, 人民银行 = 中国人民银行): both normalise to
    one canonical name."""
    g, e = _norm(gold), _norm(name)
    return g != e and normalise_suffix(g) == normalise_suffix(e)


# a place's department of a field written generically, as plans and rules write it (西安市生态环境部门, 深圳市工业和信息化
# 主管部门, 福建省人民政府生态环境主管部门): what stands after the place
GENERIC_FIELD_DEPARTMENT_RE = re.compile(r"^(?:人民政府|政府)?(?P<field>[\u4e00-\u9fff]{2,12}?)(?:行政)?(?:主管)?部门$")
# the place before a field department: a region (西安市, 福建省) or a district or county (浦东新区)
FIELD_DEPARTMENT_PLACE_RE = re.compile(rf"^(?:{LEADING_REGION}|[\u4e00-\u9fff]{{2,6}}?(?:区|县|旗))$")
# how a place's department of a field is named: 局, 厅, 委 (the alias table gives the full form: 发展改革 + 委)
FIELD_DEPARTMENT_SUFFIXES = ("局", "厅", "委", "委员会")
# a place written with its level word after it (四川省级能源主管部门 = 四川省能源主管部门)
PLACE_LEVEL_WORD_RE = re.compile(rf"^(?P<place>{LEADING_REGION}|[\u4e00-\u9fff]{{2,8}}?(?:县|区|旗))级(?=[\u4e00-\u9fff]{{2}})")


def field_department_written_generic(gold: str, name: str) -> bool:
    """Whether one of ``gold`` and ``name`` writes a place's department of a field generically (西安市生态环境部门,
    福建省人民政府生态环境主管部门) and the other names that place's department of the field (西安市生态环境局,
    福建省生态环境厅): one body, as the place's own plan means it. The place must be written alike on both sides and
    the field must name the department (建设行政主管部门 is not 住房和城乡建设局)."""
    g, e = _norm(gold), _norm(name)
    for generic, written in ((g, e), (e, g)):
        if not generic.endswith("部门") or written.endswith("部门"):
            continue
        # (the concrete name may carry the parent region the generic one's district leaves out: 上海市浦东新区生态环境局
        # beside 浦东新区生态环境部门)
        parent = re.match(rf"^{LEADING_REGION}", written)
        concretes = [written] + ([written[parent.end() :]] if parent and not generic.startswith(parent.group(0)) else [])
        if any(_field_department_of(generic, concrete) for concrete in concretes):
            return True
    return False


def _field_department_of(generic: str, concrete: str) -> bool:
    """Whether ``generic`` (a place's field department written generically) and ``concrete`` share the place and name the
    same field's department (see :func:`field_department_written_generic`)."""
    shared = 0
    while shared < min(len(generic), len(concrete)) and generic[shared] == concrete[shared]:
        shared += 1
    for at in range(shared, 1, -1):
        place = generic[:at]
        m = GENERIC_FIELD_DEPARTMENT_RE.match(generic[at:])
        if not m or not FIELD_DEPARTMENT_PLACE_RE.match(place):
            continue
        wanted = normalise_suffix(concrete[at:])
        if any(normalise_suffix(m.group("field") + suffix) == wanted for suffix in FIELD_DEPARTMENT_SUFFIXES):
            return True
    return False


def place_level_written(gold: str, name: str) -> bool:
    """Whether ``gold`` and ``name`` are one name but for a level word written after the place on one side
    (四川省级能源主管部门 = 四川省能源主管部门)."""
    g, e = _norm(gold), _norm(name)
    return g != e and PLACE_LEVEL_WORD_RE.sub(r"\g<place>", g) == PLACE_LEVEL_WORD_RE.sub(r"\g<place>", e)


def names_match(gold: str, extracted: str, canonical: str = "", agency_type: str = "") -> bool:
    """Whether a gold agency name and an extracted one denote the same body."""
    g, e = _norm(gold), _norm(extracted)
    if g == e:
        return True
    gn = normalise_suffix(g)
    if written_by_the_alias_table(g, e) or gn == _norm(canonical):
        return True
    if division_written_bare(g, e) or written_as_the_document_abbreviates(g, e):
        return True
    g_rest = normalise_suffix(_strip_region(g))
    e_rest = normalise_suffix(_strip_region(e))
    return bool(g_rest) and (g_rest == e_rest or g_rest == _norm(agency_type))


@dataclass
class RoleScore:
    """Counts for one role."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class LineResult:
    """The outcome for one gold line."""

    gold: dict[str, Any]
    clause_id: str | None
    extracted: dict[str, list[str]]
    missing: dict[str, list[str]]
    extra: dict[str, list[str]]
    false_no_agency: bool
    unreadable: bool

    @property
    def ok(self) -> bool:
        return self.clause_id is not None and not any(self.missing.values()) and not any(self.extra.values())


@dataclass
class ExtractionReport:
    """Per-role precision/recall over a gold file."""

    lines: list[LineResult] = field(default_factory=list)
    roles: dict[str, RoleScore] = field(default_factory=lambda: {r: RoleScore() for r in ROLES})
    documents_missing: list[str] = field(default_factory=list)

    @property
    def clause_not_found(self) -> int:
        return sum(1 for r in self.lines if r.clause_id is None)

    @property
    def false_no_agency(self) -> int:
        return sum(1 for r in self.lines if r.false_no_agency)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.lines if r.unreadable)

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict summary plus the failing lines."""
        return {
            "lines": len(self.lines),
            "annotated_lines": sum(1 for r in self.lines if r.gold.get("annotated", True)),
            "documents": len({r.gold["doc"] for r in self.lines}),
            "exact_lines": sum(1 for r in self.lines if r.ok),
            "clause_not_found": self.clause_not_found,
            "false_no_agency": self.false_no_agency,
            "unreadable_flagged": self.unreadable,
            "documents_missing": self.documents_missing,
            "roles": {
                role: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4), "recall": round(s.recall, 4)}
                for role, s in self.roles.items()
            },
            "failures": [
                {
                    "id": r.gold.get("id"),
                    "doc": r.gold["doc"],
                    "clause": r.clause_id,
                    "annotation": r.gold.get("annotation", ""),
                    "missing": {k: v for k, v in r.missing.items() if v},
                    "extra": {k: v for k, v in r.extra.items() if v},
                }
                for r in self.lines
                if not r.ok
            ],
        }

    def table(self) -> str:
        """A small text table: role, P, R, counts; then the honesty counts."""
        rows = [f"{'role':<14}{'P':>7}{'R':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for role, s in self.roles.items():
            rows.append(f"{role:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        d = self.to_dict()
        rows.append(
            f"lines {d['lines']} (annotated {d['annotated_lines']}, {d['documents']} documents), exact {d['exact_lines']}, "
            f"clause not found {d['clause_not_found']}, false 'names no agency' {d['false_no_agency']}, "
            f"unreadable flagged {d['unreadable_flagged']}"
        )
        return "\n".join(rows)


def load_annotation_gold(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines annotation gold file; raises ValueError naming the line on bad input."""
    items = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
        if not item.get("doc") or "evidence" not in item:
            raise ValueError(f"{path}:{lineno}: a gold line needs 'doc' and 'evidence'")
        items.append(item)
    return items


def _innermost(clauses: Iterable[Clause], evidence: str) -> Clause | None:
    ev = _norm(evidence)
    found = [c for c in clauses if ev and ev in _norm(c.text)]
    return min(found, key=lambda c: len(c.text)) if found else None


def _match(gold_names: list[str], extracted: list[tuple[str, str, str]]) -> tuple[int, list[str], list[str]]:
    """Greedy one-to-one matching: (matched count, gold names missed, extracted names extra)."""
    left = list(extracted)
    missed: list[str] = []
    tp = 0
    for g in gold_names:
        for i, (name, canonical, agency_type) in enumerate(left):
            if names_match(g, name, canonical, agency_type):
                tp += 1
                del left[i]
                break
        else:
            missed.append(g)
    return tp, missed, [name for name, _, _ in left]


def _annotation_responsibilities(parsed: ParsedDocument, clause: Clause, evidence: str) -> list[Any]:
    """The clause's responsibilities from the annotation that follows the evidence (its unit's single annotation when
    it has none: :func:`ingest.responsibility.inherited_from_unit`).

    A clause holding several annotated measures (a 规划 paragraph without numbering) is scored
    annotation by annotation: the first responsibility annotation after the evidence whose
    written text is the evidence of extracted responsibilities. Without such a match, every
    non-carry-over responsibility of the clause counts.
    """
    own = [
        r for r in parsed.responsibilities
        if r.clause_id == clause.clause_id and r.source not in ("carry_over", "contact")
    ]
    if not own:
        # as answers do (search.readmodel.ReadModel.effective_responsibilities): a clause without its own takes its
        # unit's annotation — a label line closing a unit belongs to the unit, not to the item it ends
        by_id = {c.clause_id: c for c in parsed.clauses}
        return inherited_from_unit(
            clause.clause_id,
            lambda cid: getattr(by_id.get(cid), "parent_id", None),
            lambda cid: [r for r in parsed.responsibilities if r.clause_id == cid and r.source == "annotation"],
            lambda r: r.evidence,
        )
    written = {_norm(r.evidence) for r in own if r.source == "annotation"}
    if len(written) <= 1:
        return own
    text = _norm(clause.text)
    at = text.find(_norm(evidence))
    if at < 0:
        return own
    best: tuple[int, str] | None = None
    for r in own:
        if r.source != "annotation":
            continue
        for piece in _split_evidence(r.evidence):
            pos = text.find(_norm(piece), at)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, _norm(piece))
    if best is None:
        return own
    return [r for r in own if r.source == "annotation" and best[1] in _norm(r.evidence)]


def _split_evidence(evidence: str) -> list[str]:
    """One responsibility's evidence may join several written annotations: split at brackets."""
    parts = re.findall(r"[（(〔［\[【][^（(〔［\[【]*?(?:[（(][^）)]*[）)][^（(〔［\[【]*?)*[）)〕］\]】]", evidence)
    return parts or [evidence]


def score_document(parsed: ParsedDocument, gold_lines: list[dict[str, Any]], report: ExtractionReport) -> None:
    """Score the gold lines of one parsed document into ``report``."""
    agencies = {a.name: a for a in parsed.agencies}
    unreadable_ids = {c.clause_id for c in parsed.clauses if getattr(c, "unreadable_annotation", "")}
    for g in gold_lines:
        clause = _innermost(parsed.clauses, g["evidence"])
        extracted: dict[str, list[tuple[str, str, str]]] = {r: [] for r in ROLES}
        if clause is not None:
            for resp in _annotation_responsibilities(parsed, clause, g["evidence"]):
                    a = agencies.get(resp.agency)
                    entry = (resp.agency, a.canonical if a else "", a.agency_type if a else "")
                    if entry not in extracted[resp.role]:
                        extracted[resp.role].append(entry)
        missing: dict[str, list[str]] = {}
        extra: dict[str, list[str]] = {}
        for role in ROLES:
            gold_names = list(dict.fromkeys(g.get(role) or []))
            if clause is None:
                missing[role], extra[role] = gold_names, []
                report.roles[role].fn += len(gold_names)
                continue
            tp, missed, surplus = _match(gold_names, extracted[role])
            report.roles[role].tp += tp
            report.roles[role].fn += len(missed)
            report.roles[role].fp += len(surplus)
            missing[role], extra[role] = missed, surplus
        annotated = bool(g.get("annotated", True)) and any(g.get(r) for r in ROLES)
        unreadable = clause is not None and clause.clause_id in unreadable_ids
        nothing = clause is not None and not any(extracted.values())
        report.lines.append(
            LineResult(
                gold=g,
                clause_id=clause.clause_id if clause else None,
                extracted={r: [e[0] for e in v] for r, v in extracted.items()},
                missing=missing,
                extra=extra,
                false_no_agency=annotated and nothing and not unreadable,
                unreadable=unreadable,
            )
        )


def evaluate_extraction(
    gold_path: Path,
    corpus_dirs: list[Path],
    parse: Callable[[Path], ParsedDocument],
    *,
    progress: Callable[[str], None] | None = None,
) -> ExtractionReport:
    """Parse every document the gold names (found in ``corpus_dirs``) and score the gold file.

    Args:
        gold_path: JSON-lines gold (see the module docstring).
        corpus_dirs: folders holding the documents named by ``doc``.
        parse: the parser (``ingest.pipeline.parse_file``), taken as an argument so the scorer
            stays independent of how documents are read.
        progress: called with each document name before it is parsed.
    """
    gold = load_annotation_gold(gold_path)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    report = ExtractionReport()
    for doc, lines in by_doc.items():
        path = next((d / doc for d in corpus_dirs if (d / doc).exists()), None)
        if path is None:
            report.documents_missing.append(doc)
            continue
        if progress:
            progress(doc)
        try:
            parsed = parse(path)
        except IngestError:
            report.documents_missing.append(doc)
            for role in ROLES:
                report.roles[role].fn += sum(len(g.get(role) or []) for g in lines)
            continue
        score_document(parsed, lines, report)
    return report
