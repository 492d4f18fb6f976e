"""The read model: an in-memory snapshot of a ``GraphStore`` that question answering reads.

:class:`ReadModel` loads documents, clauses, targets and agencies once, indexes them (by document,
by parent, by clause) and caches the text forms the ranker compares (character bigrams, plain
text). Region descent (``region_descendant``, ``scope_docs``) is decided here and nowhere else.
Build a new one after ingest/remove.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ingest.doctypes import doc_type_alternation
from ingest.regions import short_name
from ingest.responsibility import inherited_from_unit, sentence_actors
from search.docref import normalise_doc_number
from search.question import PLAN_PERIODS, QuestionFrame, normalise

if TYPE_CHECKING:
    from graph.store import AgencyRole, GraphStore
    from ingest.records import Agency, Clause, Document, Responsibility, Target
    from ingest.regions import Gazetteer

# Chinese characters, latin letters and digits: what bigrams are made of
RE_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.%]+")
# a year as a plan writes it (2025年, 2025 年); GB20951-2020 style numbers are not years
RE_YEAR_WORD = re.compile(r"(?<![\d-])((?:19|20)\d{2})\s*年")
# the short lead phrase of a paragraph ("淘汰落后产能。…")
RE_PARA_HEAD = re.compile(r"^([^。；：:，,]{2,30})[。；：:]")


# a period a document states as its own: a period word, then the range ("实施期限。2022—2024年", "规划期为2021-2025年",
# "政策执行期限：2022年—2025年")
OWN_PERIOD_RE = re.compile(
    r"(?:实施|执行|政策|规划|有效|适用)(?:期限|期)(?:为|是|自)?[：:。，,]?\s*((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]\s*"
    r"((?:19|20)\d{2})"
)


def latest_year(text: str) -> int:
    """The latest year a text speaks about: a year it writes (2025年) or the last year of a five-year period it names
    ("“十四五”新增能耗总量不能突破…" speaks about 2025 though it writes no year); 0 when none."""
    years = [int(y) for y in RE_YEAR_WORD.findall(text)]
    years += [end for period, (_start, end) in PLAN_PERIODS.items() if period in text]
    return max(years, default=0)


def bigrams(text: str) -> set[str]:
    """Character bigrams of the text's content runs (normalised, lower-cased; 1-character runs dropped)."""
    out: set[str] = set()
    for seg in RE_CONTENT.findall(normalise(text)):
        seg = seg.lower()
        if len(seg) == 1:
            continue
        out.update(seg[i : i + 2] for i in range(len(seg) - 1))
    return out


def strip_markup(text: str) -> str:
    """The text without bold markers."""
    return (text or "").replace("**", "")


# a clause that only leads into its items ("工业能源资源节约和综合利用项目的扶持方向、条件、标准和审核方式如下：")
MAX_LEAD_IN_CHARS = 80
RE_LEAD_IN_END = re.compile(r"[：:]\s*$")


# the heading of a plan's part that reviews the last period or the situation it leaves ("“十三五”生态环境保护取得的成效",
# "发展基础和面临形势", "“十三五”期间工作回顾", "建筑节能工作成效显著", "现状基础", "存在问题", "面临形势"): what bodies did
# there is reported, no work they are charged with (pdf2 220, 336, 338, 413, 436, 445, 450, 537 …)
PAST_REVIEW_HEADING_RE = re.compile(
    # the last period named with what it achieved or how it went ("“十三五”规划指标完成情况", "“十三五”生态环保工作成效")
    r"(?:十[一二三]五|过去五年).{0,16}(?:成效|成就|成果|成绩|进展|回顾|情况)"
    r"|回顾(?!性)"  # (a 回顾性评价 is a task)
    # the base the plan starts from ("发展基础", "工作基础与面临形势", "优势基础"), the state of things ("发展现状及趋势")
    r"|^[\u4e00-\u9fff“”]{0,10}?(?:发展|工作|现状|优势)?基础(?:[与和及](?:面临的?)?(?:形势|挑战))?$"
    r"|^(?:发展|工作)?(?:现状|进展)(?:[与和及](?:形势|趋势|问题))?$|发展现状(?:[与和及](?:形势|趋势|问题))?$"
    # what was achieved, as a title says it ("污染防治攻坚战取得明显成效", "长江大保护成效显著", "能源惠民利民成果丰硕")
    r"|(?:取得|实现)了?(?:明显|显著|突出|积极|历史性)?(?:重大)?(?:成效|成就|进展)$"
    r"|成效(?:显著|明显|突出)$|成果丰硕$|成绩显著$|成就$|^(?:主要|工作|发展)成效(?:[与和及]形势)?$"
    # the situation and its problems ("面临的形势和挑战", "存在的主要问题", "形势分析", "机遇与挑战")
    r"|面临的?(?:形势|挑战|问题)|存在的?(?:主要)?问题|形势分析|^(?:问题|机遇)[与和及](?:挑战|形势)$|^(?:发展)?形势$"
)
# a heading opening with the verb of a task ("夯实绿色发展基础", "巩固提升工作成效", "宣传展示节能降碳工作成就", "摸清发展现状")
TASK_HEADING_OPENING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+是)?(?:开展|摸清|夯实|筑牢|巩固|提升|提高|宣传|展示|实施|推进|推动|加强|强化|建立|建设|健全"
    r"|完善|构建|打造|加快|深化|落实|组织|做好|确保|保持|形成|扩大|总结|评估|持续|全面|不断|大力|积极|严格|着力|切实|优化"
    r"|促进|发挥)"
)
PAST_REVIEW_HEADING_MAX = 30
# a sentence run into a heading ("省林业局成立林业碳汇发展基础支撑协作组，对试点单位…"): no title
SENTENCE_PUNCTUATION_RE = re.compile(r"[，,。；;]")


def reviews_past_period(headings: Sequence[str]) -> bool:
    """Whether a clause whose heading path (its own and its ancestors' headings, any order) is ``headings`` lies in a
    plan's review of the last period or of the situation it leaves (:data:`PAST_REVIEW_HEADING_RE`): a short title,
    not a sentence, not opening with a task's verb (:data:`TASK_HEADING_OPENING_RE`)."""
    return any(
        len(h) <= PAST_REVIEW_HEADING_MAX
        and not SENTENCE_PUNCTUATION_RE.search(h)
        and not TASK_HEADING_OPENING_RE.match(h)
        and PAST_REVIEW_HEADING_RE.search(h)
        for h in headings
    )


def lead_in(parent: Clause | None) -> str:
    """The whole text of a parent clause that only leads into its items (short, closed by a colon), else "": its items
    ("扶持标准：…单个项目资助金额不超过1000万元") speak of what it names, so their words are read with it."""
    if parent is None:
        return ""
    text = strip_markup(parent.text).strip()
    return text if len(text) <= MAX_LEAD_IN_CHARS and RE_LEAD_IN_END.search(text) else ""


# a lead-in whose items are conditions, materials or rules, not cases or tasks the body named in it acts on
LEAD_IN_OF_CONDITIONS_RE = re.compile(r"(?:条件|材料|资料|要求|原则|内容|程序|流程)\s*[：:]\s*$")


def lead_in_actors(parent: Clause | None, place: str = "") -> tuple[list[str], bool, str]:
    """The departments a clause that only leads into its items (:func:`lead_in`) writes as its sentence's actor
    (:func:`ingest.responsibility.sentence_actors`; ``place``: the document's, short), whether they act together, and
    the sentence: "以下情形经确定，由省林业局向…提出退出试点名单建议：" -> ([省林业局], False, …) for each of its items. None
    named (([], False, "")) for any other clause and for a lead-in to what a body must have or hand in ("核查机构应具备以下
    遴选条件：" charges it with none of its items)."""
    sentence = lead_in(parent)
    if not sentence or LEAD_IN_OF_CONDITIONS_RE.search(sentence):
        return [], False, ""
    names, together = sentence_actors(sentence, place)
    return names, together, (sentence.rstrip("：: ") if names else "")


def paragraph_heads(text: str) -> tuple[set[str], ...]:
    """Bigrams of the short lead phrase of each paragraph but the first (its heading is the clause's)."""
    heads = []
    for para in (text or "").split("\n")[1:]:
        m = RE_PARA_HEAD.match(para.strip())
        if m:
            heads.append(bigrams(m.group(1)))
    return tuple(heads)


# a measure's lead phrase: a short phrase closed by a full stop at a line's start ("推进农药化肥减量增效。", "四是强化监督检查。")
RE_MEASURE_HEAD = re.compile(r"^([^。；：:，,（）()]{2,30})。")


def measure_paragraphs(text: str) -> list[tuple[str, str]]:
    """(lead phrase, measure text) for each measure of a clause written as paragraphs that open with a short lead phrase
    ("四是强化监督检查。市住建局将依法加强监督检查…", 包头 271 三): a measure runs to the next lead phrase. The clause's
    heading line and lines before the first lead phrase open none."""
    out: list[tuple[str, list[str]]] = []
    for line in (text or "").split("\n")[1:]:
        line = line.strip()
        if m := RE_MEASURE_HEAD.match(line):
            out.append((re.sub(r"^[一二三四五六七八九十]+是", "", m.group(1)), [line]))
        elif out:
            out[-1][1].append(line)
    return [(h, "\n".join(lines)) for h, lines in out]


def holds_note(text: str, note: str) -> bool:
    """Whether ``text`` holds a whole responsibility note (a bracketed annotation, as the extraction stored it), both
    compared as the extraction normalised them (full-width punctuation)."""
    key = unicodedata.normalize("NFKC", note or "").strip()
    return bool(key) and key in unicodedata.normalize("NFKC", text or "")


def holds_sentence(text: str, sentence: str) -> bool:
    """Whether ``text`` holds ``sentence`` (its first 30 characters) as written or as the extraction normalised it."""
    return holds_note(text, unicodedata.normalize("NFKC", sentence or "").strip()[:30])


def measures_named(
    text: str, clause_notes: Iterable[str], own_notes: Iterable[str], own_sentences: Iterable[str] = ()
) -> list[tuple[str, str]] | None:
    """The measures of a clause (:func:`measure_paragraphs`) that give a body its role: where two or more measures carry
    notes of the clause (``clause_notes``: the annotations the extraction read in it, as stored), those holding one of
    the body's notes (``own_notes``); else, where the body's role was read from prose (``own_sentences``), those
    holding such a sentence, when the clause has two or more measures. None where the clause is not written that way
    (the clause itself is then the item). A noted measure runs to the line holding its note."""
    measures = measure_paragraphs(text)
    clause_notes, own_notes, own_sentences = list(clause_notes), list(own_notes), list(own_sentences)

    def to_note(measure: str) -> str:
        """A noted measure's lines up to the one holding its note (a 专栏's next title after it is not the measure's)."""
        lines = measure.split("\n")
        end = next(i for i, line in enumerate(lines) if any(holds_note(line, n) for n in clause_notes))
        return "\n".join(lines[: end + 1])

    noted = [(h, to_note(p)) for h, p in measures if any(holds_note(line, n) for line in p.split("\n") for n in clause_notes)]
    if len(noted) >= 2:
        mine = [m for m in noted if any(holds_note(m[1], n) for n in own_notes)]
    elif own_sentences and len(measures) >= 2:
        mine = [m for m in measures if any(holds_sentence(m[1], s) for s in own_sentences)]
    else:
        return None
    return mine or None


# a plan's title standing alone at the end of a line of a preamble ("福建省建材行业“十四五”节能降碳实施方案", also right after
# the attachment list closing the part before it): the plan genres' words a title ends with (ingest/doctypes.py)
PART_TITLE_END_RE = re.compile(rf"(?:{doc_type_alternation(heads=('方案', '计划', '规划', '意见', '办法', '细则', '措施'))})$")
# a bundled plan's title spans at most this many characters
MAX_PART_TITLE = 60


def part_title(text: str, place: str) -> str:
    """The title of a plan a preamble opens, when a document bundles several plans each after its own preamble: the last
    line of ``text`` (or the line's end after a closing bracket, where the part before it ends with its attachment list)
    that opens with the document's ``place`` (福建省 or 福建), holds no sentence punctuation and ends with a plan word
    (:data:`PART_TITLE_END_RE`); "" when none."""
    if not place:
        return ""
    short = short_name(place)
    for line in reversed(text.split("\n")):
        line = line.strip()
        for opening in (place, short):
            at = line.rfind(opening)
            if at < 0 or (at > 0 and line[at - 1] not in "）)】]"):
                continue
            title = line[at:]
            if len(title) <= MAX_PART_TITLE and PART_TITLE_END_RE.search(title) and not re.search(r"[，。；：,;:]", title):
                return title
    return ""


def bundled_parts(clauses: Sequence[Clause], place: str) -> dict[str, tuple[str, frozenset[str]]]:
    """The plans a document bundles, each after a preamble naming it (pdf2 224: 福建's 冶金, 建材 and 石化化工 plans in one
    PDF): preamble clause id -> (the plan's title, the ids of the clauses up to the next such preamble), in document
    order; {} unless two or more preambles name a plan (one plan titled in its preamble is the document itself)."""
    parts: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for c in sorted(clauses, key=lambda c: c.order):
        title = part_title(c.text or "", place) if c.kind == "preamble" else ""
        if title:
            current = c.clause_id
            parts[current] = (title, [])
        elif current:
            parts[current][1].append(c.clause_id)
    if len(parts) < 2:
        return {}
    return {root: (title, frozenset(members)) for root, (title, members) in parts.items()}


def part_titles(parts: dict[str, tuple[str, frozenset[str]]]) -> dict[str, str]:
    """Clause id -> the title of the bundled plan it belongs to, from a document's :func:`bundled_parts`."""
    return {cid: title for title, members in parts.values() for cid in members}


class ReadModel:
    """One snapshot of a store: records, lookups and cached text forms.

    Args:
        store: the graph store to read.
        gazetteer: region hierarchy for region descent (None: a region only covers itself).
    """

    def __init__(self, store: GraphStore, gazetteer: Gazetteer | None = None):
        self.store = store
        self.gazetteer = gazetteer
        self.docs: dict[str, Document] = {d.doc_id: d for d in store.documents()}
        self._ancestor_cache: dict[str, frozenset[str]] = {}
        self.clauses: dict[str, Clause] = {c.clause_id: c for c in store.clauses()}
        self.by_doc: dict[str, list[Clause]] = {}
        self.children: dict[str, list[Clause]] = {}
        for c in sorted(self.clauses.values(), key=lambda c: (c.doc_id, c.order)):
            self.by_doc.setdefault(c.doc_id, []).append(c)
            if c.parent_id:
                self.children.setdefault(c.parent_id, []).append(c)
        self.heading_bg = {cid: bigrams(c.heading) for cid, c in self.clauses.items()}
        # the lead phrase of each paragraph after the first ("淘汰落后产能。…（牵头单位：…）"): a 规划-style
        # section holds several measures, each opening with its own short title
        self.para_heads_bg = {cid: paragraph_heads(c.text) for cid, c in self.clauses.items()}
        # (an item under a lead-in clause is read with it: see lead_in)
        leading = {cid: lead_in(self.clauses.get(c.parent_id) if c.parent_id else None) for cid, c in self.clauses.items()}
        # (… and a clause of a plan bundled with others in one document with that plan's title: "福建省建材行业…实施方案")
        self.parts_by_doc = {
            doc_id: parts
            for doc_id, clauses in self.by_doc.items()
            if (parts := bundled_parts(clauses, self.docs[doc_id].region if doc_id in self.docs else ""))
        }
        self.part_title_of: dict[str, str] = {}
        for parts in self.parts_by_doc.values():
            self.part_title_of |= part_titles(parts)
        for cid, title in self.part_title_of.items():
            leading[cid] += title
        self.text_bg = {cid: bigrams(strip_markup(c.text) + leading[cid]) for cid, c in self.clauses.items()}
        self.plain = {cid: normalise(strip_markup(c.text)).lower() for cid, c in self.clauses.items()}
        self.plain_heading = {
            cid: t + normalise(self.clauses[cid].heading + leading[cid]).lower() for cid, t in self.plain.items()
        }
        self._df_cache: dict[str, int] = {}
        self._horizon_cache: dict[str, int] = {}
        self._period_cache: dict[str, set[tuple[int, int]]] = {}
        self._resp_cache: dict[str, list[AgencyRole]] = {}
        self.targets_by_clause: dict[str, list[Target]] = {}
        for t in store.targets():
            self.targets_by_clause.setdefault(t.clause_id, []).append(t)
        self.agencies: list[Agency] = list(store.agencies())
        self.doc_titles = {d: doc.title for d, doc in self.docs.items()}
        self.doc_numbers = {d: normalise_doc_number(doc.doc_number) for d, doc in self.docs.items()}
        self.doc_headers = {
            d: " ".join(c.text for c in self.by_doc.get(d, [])[:3])[:800] for d in self.docs
        }
        self.doc_regions = {d.region for d in self.docs.values() if d.region}

    def bundled_plans(self, doc_id: str) -> dict[str, tuple[str, frozenset[str]]]:
        """The plans a document bundles (:func:`bundled_parts`, read once with the snapshot), {} for one of one plan."""
        return self.parts_by_doc.get(doc_id, {})

    def bundled_plan_title(self, clause_id: str) -> str:
        """The title of the plan a clause belongs to when its document bundles several (:func:`part_titles`), else ""."""
        return self.part_title_of.get(clause_id, "")

    # ------------------------------------------------------------------------- graph facts
    def responsibilities(self, clause_id: str) -> list[AgencyRole]:
        """The clause's AgencyRoles for its measures: every role but the divisions named to contact."""
        return [r for r in self._roles(clause_id) if r.responsibility.source != "contact"]

    def contacts(self, clause_id: str) -> list[AgencyRole]:
        """The divisions the clause names to consult or send material to (ingest.contacts)."""
        return [r for r in self._roles(clause_id) if r.responsibility.source == "contact"]

    def _roles(self, clause_id: str) -> list[AgencyRole]:
        """Every AgencyRole of the clause as stored (memoised)."""
        got = self._resp_cache.get(clause_id)
        if got is None:
            got = list(self.store.responsibilities(clause_id))
            self._resp_cache[clause_id] = got
        return got

    def effective_responsibilities(self, clause_id: str) -> tuple[list[AgencyRole], str]:
        """The clause's own responsibilities, else those of its sub-items (aggregated), else the annotation of the
        nearest unit above it (an annotation on a unit covers its items: "（三）…（牵头单位：市发改委）" then 1. 2. 3.).

        Returns:
            (agency roles, "own" | "children" | "parent" | "none").
        """
        own = self.responsibilities(clause_id)
        if own:
            return self._division_for_its_department(clause_id, own), "own"
        agg: list[AgencyRole] = []
        stack = list(self.children.get(clause_id, []))
        while stack:
            child = stack.pop(0)
            got = self.responsibilities(child.clause_id)
            if got:
                agg.extend(got)
            else:
                stack[0:0] = self.children.get(child.clause_id, [])
        if agg:
            return agg, "children"
        # only an annotation is inherited: a unit's prose sentence speaks of its own text, not of its items
        inherited = self._unit_annotation(clause_id)
        return inherited, ("parent" if inherited else "none")

    def _division_for_its_department(self, clause_id: str, own: list[AgencyRole]) -> list[AgencyRole]:
        """A clause's prose roles with a department leading ("与省生态环境厅共同建立…": the issuing 自然资源厅 with 生态环境厅)
        under a unit whose annotation names a division of that department ("责任处室：国土空间用途管制处"): the division
        carries what its department's sentence says, so it leads in its department's place; the bodies the sentence
        names beside the department keep their roles. Any other clause's roles are returned as they are."""
        if any(r.responsibility.source != "prose" for r in own):
            return own
        leads = {r.agency.name for r in own if r.responsibility.role == "lead"}
        if not leads:
            return own
        unit = self._unit_annotation(clause_id)
        divisions = [r for r in unit if r.responsibility.role == "lead"]
        if not divisions or not all(
            any(d.agency.name.startswith(lead) and d.agency.name != lead for d in divisions) for lead in leads
        ):
            return own
        return unit + [r for r in own if r.agency.name not in leads]

    def _unit_annotation(self, clause_id: str) -> list[AgencyRole]:
        """The annotation of the nearest annotated unit above a clause (:func:`ingest.responsibility.inherited_from_unit`)."""
        return inherited_from_unit(
            clause_id,
            lambda cid: getattr(self.clauses.get(cid), "parent_id", None),
            lambda cid: [r for r in self.responsibilities(cid) if r.responsibility.source == "annotation"],
            lambda r: r.responsibility.evidence,
        )

    def unreadable_annotation(self, clause_id: str) -> str:
        """The unreadable annotation text of a clause or of its sub-items ("" when none)."""
        stack = [self.clauses[clause_id]] if clause_id in self.clauses else []
        found: list[str] = []
        while stack:
            c = stack.pop(0)
            if getattr(c, "unreadable_annotation", ""):
                found.append(c.unreadable_annotation)
            stack.extend(self.children.get(c.clause_id, []))
        return "".join(found)[:200]

    def clauses_of_agency(self, agency: str, role: str | None = None) -> list[tuple[Clause, Responsibility]]:
        """Clauses naming the agency (in the role) for their measures, read from the store (as :meth:`responsibilities`,
        a division named to contact is no measure's body)."""
        rows = self.store.clauses_of_agency(agency) if role is None else self.store.clauses_of_agency(agency, role=role)
        return [(c, r) for c, r in rows if r.source != "contact"]

    # ------------------------------------------------------------------------- text statistics
    def df(self, term: str) -> int:
        """How many clauses' plain text holds the term (memoised)."""
        got = self._df_cache.get(term)
        if got is None:
            got = sum(1 for t in self.plain.values() if term in t)
            self._df_cache[term] = got
        return got

    def doc_horizon(self, doc_id: str) -> int:
        """The latest year a document speaks about (:func:`latest_year` of its clauses)."""
        got = self._horizon_cache.get(doc_id)
        if got is None:
            years = [latest_year(self.plain.get(c.clause_id, "")) for c in self.by_doc.get(doc_id, [])]
            got = self._horizon_cache[doc_id] = max(years, default=0)
        return got

    def doc_periods(self, doc_id: str) -> set[tuple[int, int]]:
        """The periods a document states as its own (:data:`OWN_PERIOD_RE`: "实施期限。2022—2024年", "规划期为2021-2025年"),
        as (first, last) years — never a range it cites (《…规划（2016—2020年）》) or reviews (“十三五”期间)."""
        got = self._period_cache.get(doc_id)
        if got is None:
            got = self._period_cache[doc_id] = {
                (int(a), int(b))
                for c in self.by_doc.get(doc_id, [])
                for a, b in OWN_PERIOD_RE.findall(self.plain.get(c.clause_id, ""))
                if int(a) < int(b)
            }
        return got

    def first_clauses(self, doc_ids: Sequence[str]) -> dict[str, Clause]:
        """Each document's first clause (documents without clauses left out)."""
        return {d: self.by_doc[d][0] for d in doc_ids if self.by_doc.get(d)}

    def rank_scope(self, doc_ids: Sequence[str], retrieved: Sequence[str], tokens: Callable[[], Sequence[str]]) -> list[str]:
        """The documents whose clauses are ranked for a question: the whole scope (all are in memory)."""
        return list(doc_ids)

    # ------------------------------------------------------------------------- regions
    def region_descendant(self, region: str, ancestor: str) -> bool:
        """Whether ``region`` is ``ancestor`` or lies inside it (per the gazetteer)."""
        if region == ancestor:
            return True
        if self.gazetteer is None:
            return False
        return ancestor in self._ancestor_names(region)

    def _ancestor_names(self, region: str) -> frozenset[str]:
        """The names of the regions holding ``region`` (memoised: the gazetteer does not change)."""
        got = self._ancestor_cache.get(region)
        if got is None:
            try:
                got = frozenset(getattr(a, "name", a) for a in self.gazetteer.ancestors(region))
            except Exception:
                got = frozenset()
            self._ancestor_cache[region] = got
        return got

    def enclosing_docs(self, region: str, named: Sequence[str]) -> list[str]:
        """Documents issued for the regions among ``named`` that hold ``region`` (its province for a city; not 全国)."""
        if self.gazetteer is None:
            return []
        try:
            outer = {getattr(a, "name", a) for a in self.gazetteer.ancestors(region)} & set(named) - {"全国"}
        except Exception:
            return []
        return sorted(d for d, doc in self.docs.items() if doc.region in outer)

    def docs_of(self, region: str) -> list[str]:
        """The documents issued for ``region`` itself (全国: the national ones), in store order."""
        return [d for d, doc in self.docs.items() if doc.region == region]

    def scope_docs(self, frame: QuestionFrame, *, include_sub: bool = False) -> list[str]:
        """Documents a question is answered from: those named, or issued for its region (or all)."""
        if frame.doc_ids:
            return list(frame.doc_ids)
        if frame.region is None:
            return sorted(self.docs)
        exact = sorted(self.docs_of(frame.region))
        if exact and not include_sub:
            return exact
        inside = {r for r in {doc.region for doc in self.docs.values()} if r and self.region_descendant(r, frame.region)}
        return sorted(d for d, doc in self.docs.items() if doc.region in inside)


__all__ = [
    "RE_CONTENT",
    "RE_YEAR_WORD",
    "latest_year",
    "ReadModel",
    "bigrams",
    "holds_note",
    "holds_sentence",
    "measure_paragraphs",
    "measures_named",
    "paragraph_heads",
    "strip_markup",
]
