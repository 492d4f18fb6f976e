"""Per-intent answerers: a parsed question -> :class:`search.answer.Answer` with its text and evidence.

:class:`Answerers` routes a question (document references, named regions, several regions) to
the answerer of its intent: agencies (or a whole plan), targets, an agency's duties, similar
measures, documents, free search. Every answer sentence is built from the templates below.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.agencies import (
    MAX_BODY_MENTIONS,
    bodies_mentioned,
    field_bodies_mentioned,
    governments_charged,
    is_implementing,
    national_body_of_field,
    other_kind_body,
    qualify_agencies,
)
from ingest.data_tables import row_cells
from ingest.doctypes import doc_type_alternation, document_type
from ingest.metadata import content_bigrams
from ingest.regions import groups_named, province_of, region_named, short_name, written_alike
from ingest.responsibility import SENTENCE_SPLIT_RE, sentence_actors
from search.answer import (
    OTHER_ITEM_AGENCY_SENTENCE,
    Answer,
    AnswerAgency,
    AnswerTarget,
    Evidence,
    no_agency_sentence,
    responsibility_how,
)
from search.docref import (
    MIN_TITLE_SHARE,
    DocumentReference,
    edition_not_stored,
    find_doc_numbers,
    place_after_references,
    resolve_reference,
    strongest_title_match,
    title_fragments,
    type_only_reference,
)
from search.index import rrf_fuse
from search.question import (
    COUNT_CLASSIFIERS,
    TIME_LIMIT_WORDS,
    QuestionFrame,
    QuestionParser,
    names_year,
    normalise,
    opens_with_national_issuer,
)
from search.ranker import SimilarWeights, TargetWeights, default_similar_weights, default_target_weights
from search.ranking import (
    GENERIC_BIGRAMS,
    GENERIC_WORDS,
    Ranker,
    ScoredClause,
    annotation_parts,
    target_features,
    text_coverage,
)
from search.readmodel import RE_CONTENT, ReadModel, bigrams, lead_in_actors, measures_named, strip_markup

if TYPE_CHECKING:
    from graph.store import AgencyRole
    from ingest.records import Clause, Responsibility, Target

# ----------------------------------------------------------------------------- answer text templates
# words around a document reference that name its issuing, not a measure: "国管局、发改委印发的",
# "国务院办公厅", "印发的规划"
ISSUING_WORDS_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{1,12}(?:局|委|部|厅|院|政府|办公厅)、?)*(?:(?:19|20)\d{2}年(?:\d{1,2}月)?)?(?:联合)?"
    r"(?:印发|出台|发布|制定|下发)的?"
    r"(?:规划|方案|文件|意见|通知|计划|措施)?|(?:中共中央|国务院)(?:办公厅)?"
)
# a question asking who issued a document ("…是哪些部门联合印发的？", "…原本是由哪些部门提出的？", "…是哪个部门制定的？"):
# a who-word, then the issuing verb ends the question; or the issuing verb opening the question (or a part of it after
# a comma) right before a quoted title, and a who-word ends the question ("发布《…（2021年版）》的是哪些部门？"; not
# "牵头制定《…办法》的是哪个部门", a measure's lead)
ISSUER_QUESTION_RE = re.compile(
    r"(?:哪个|哪些|哪几个|哪家|哪一个|什么|谁)[^，,。；？?]{0,8}?(?:联合|共同)?(?:研究)?"
    r"(?:印发|发布|出台|下发|发文|制定|编制|提出|起草)(?:并?(?:发布|印发)|(?:和|及|并)(?:调整|修订|更新|发布|印发))?的?(?:吗|呢)?[？?。]?$"
    r"|(?:^|[，,。；;：:])(?:联合|共同)?(?:印发|发布|出台|下发|制定)了?(?:《[^》]{2,80}》|“[^”]{2,80}”)的(?:是|为)?"
    r"(?:哪个|哪些|哪几个|哪家|哪一个|什么|谁)(?:部门|单位|机关|部委|机构)?(?:吗|呢)?[？?。]?$"
)
# the issuing verbs themselves, which ask who issued rather than naming a measure
ISSUING_VERBS_RE = re.compile(r"联合|共同|研究|印发|发布|出台|下发|发文|制定|编制|提出|起草|调整|修订|更新|转发")
PLAN_ISSUED_BY = "{label}由{issuers}制定印发。"
# a question speaking of the issuing department as "the ministry / the department" ("部里自己牵头的是哪一部分")
ISSUER_SELF_RE = re.compile(r"(?:部|厅|局|委)里(?:自己)?|本(?:部|厅|局|委)自己|我们(?:部|厅|局|委)")
DOC_LABEL = "《{title}》{path}"  # a clause as cited: 《title》第三章四
BUNDLED_PLAN_LABEL = "《{title}》中《{plan}》{path}"  # a clause of a plan bundled with others in one document
SUBJECT = "“{heading}”"  # a clause's heading, quoted
REGION_PART = "【{region}】{answer}"  # one region's part of a multi-region answer
EMPTY_STORE = (
    "知识库中还没有文件，请先用 policykg ingest 或“导入”页添加文件。"
    " / The store holds no documents yet: add some with `policykg ingest` or the Ingest page."
)
RE_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# a question asking whom to consult, contact or send material to ("政策咨询这块归市科技局哪个处管", "摸排表要报给省里哪个
# 部门", "…类项目是市科技局哪个处室负责"): answered from the divisions a clause names for that, when it names any
CONTACT_LOOKAHEAD = 10  # how far down the ranking a contact question looks for a clause naming contacts
CONTACT_DOCS = 3  # … and in how many of the best-ranked documents it reads the contact lines for the matter asked
MIN_CONTACT_MATTER = 2  # bigrams a contact line's matter must share with the question ("政策咨询": 政策, 策咨, 咨询)
# the clauses ranked first among which a plan issued as an attachment, named by its title, is looked for, and an
# attachment's opening clause (Answerers.within_attachment)
ATTACHMENT_LOOKAHEAD = 5
ATTACHMENT_PATH_RE = re.compile(r"^附件\d*$")
# what goes on an attachment's label in another attachment's path (附件1 / 附件10, 附件1 / 附件1~2), never a unit of it
ATTACHMENT_LABEL_GOES_ON = frozenset("0123456789~")
# an attachment's title spans at most this many characters (over one or two lines)
MAX_ATTACHMENT_TITLE = 60
# the clause kinds of a document's table rows (data and task tables), kept with an attachment's clauses: the tables are
# stored per document, not per attachment
TABLE_ROW_KINDS = frozenset({"row", "task"})
# the heading of a plan's organising clause, which names who carries the plan as a whole (Answerers.organising_actors)
ORGANISING_HEADING_RE = re.compile(r"^(?:加强|强化|健全|完善|做好)?(?:组织(?:领导|实施|保障|推进|协调)|统筹协调|领导)(?:机制|工作)?$")
# a State Council or Party Central issuer, whose documents address every level (Answerers.central_issuer)
STATE_COUNCIL_ISSUER_RE = re.compile(r"国务院|中共中央|中央办公厅")
# the end of a central body's name opening a title ("国家发展改革委等部门关于…", "工业和信息化部办公厅关于…")
CENTRAL_BODY_END_RE = re.compile(r"(?:部门|部|委|局|署|总局|会|银行|办公厅)$")
# a who-question that asks for a government department by that word ("由哪个部门负责", "哪些部门牵头"): bodies of other kinds
# (电网企业, 新闻媒体) a sentence charges are not what it asks for
DEPARTMENT_ASKED_RE = re.compile(r"(?:哪个|哪些|哪一个|什么|哪家|何)(?:政府)?部门(?![和与及或、]|单位)")
# a question asking which body is in charge ("…平台的主管部门是哪个", "…由哪个部门主责"), and a clause that says so ("市生态
# 环境局是“碳惠通”平台的主管部门", "绿色工地类项目主责部门为经开区开发建设局")
IN_CHARGE_ASKED_RE = re.compile(
    r"(?:主管|主责)(?:部门|单位|机关)(?:是|为)?(?:哪|谁|什么)|(?:哪个|哪一个|什么)(?:部门|单位)(?:来)?(?:主责|主管)"
)
IN_CHARGE_STATED_RE = re.compile(
    r"(?<!各级)(?<!行业)(?<!有关)(?<!相关)(?:主管|主责)(?:部门|单位|机关)(?:为|是)(?!哪|谁|什么)"
    r"|(?<![作成以])(?:是|为)[^，。；？?]{0,30}?的?(?:主管|主责)(?:部门|单位|机关)(?![是为]?(?:哪|谁|什么))(?!提供|服务)"
)
CONTACT_QUESTION_RE = re.compile(
    r"咨询|受理|联系(?:人|方式|电话|部门|单位|哪|谁)|对接(?:部门|单位|哪|谁)"
    r"|(?:哪个|哪一个|哪些|什么)(?:处(?![理置罚分])|科(?![技学研普创目]))|处室|科室|(?:反馈|报送?|提交|交|发|寄|送)(?:给|至|到)"
)
# a zone's name a gazetteer of administrative divisions does not list: a new area, a development or high-tech zone
UNLISTED_ZONE_RE = re.compile(r"[\u4e00-\u9fff]{2,}(?:新区|开发区|高新区|经开区|园区|示范区|自贸区|试验区)$")
NO_WORDS = "问题中没有可检索的文字，请用中文完整提问。 / The question has no words to look up; please ask in Chinese."
NOT_IN_CORPUS = "未在已收录文件中找到{place}的相关规定。"
NOT_STORED_EDITION = "未收录{asked}年的这份文件：已收录的是{stored}年的《{title}》。"
NOT_STORED_ORDINAL_EDITION = "未收录{asked}的这份文件：已收录的是{stored}的《{title}》。"
NOT_STORED_TITLE = "未收录{place}的这份文件；已收录名称相近的：{others}。"
NOT_STORED_QUOTED = "未收录《{title}》。"
# a quoted title the question opens with (a place, 按照 / 根据 … before it at most) and asks what it says (its number in
# brackets, then 对…, 规定, 要求 …): the document asked about is that one, not a stored one that cites it
# (Answerers.asked_as_itself; the question NFKC-normalised: brackets are ASCII)
QUOTED_OPENER_RE = re.compile(r"^(?:按照|根据|依据|按)")
ASKED_AS_ITSELF_RE = re.compile(r"^(?:\([^()]{2,24}\))?(?:对|规定|要求|提出|明确|中规定|里规定|是怎么规定|关于)")
# how much of a title a question writes must stand in another place's title, and how specific it must be (content
# bigrams, places left out: "能源发展“十四五”规划" has 8, "十四五规划" 4), for the question to name that plan: fitted by
# scripts/fit_title_thresholds.py into search/dictionaries/title_thresholds.json (these are the defaults without it)
OTHER_TITLE_SHARE = 0.9
OTHER_TITLE_MIN_BIGRAMS = 6
TITLE_THRESHOLDS_FILE = Path(__file__).resolve().parent / "dictionaries" / "title_thresholds.json"
TITLE_RUN_FILE = Path(__file__).resolve().parent / "dictionaries" / "title_run.json"
# a plan's name written in a question is a stored title (not a measure a clause names) when one title holds this share
# of its bigrams (a plan's own preamble writes its title too)
STORED_TITLE_SHARE = 0.9
NOT_FOUND = "未在已收录{place}文件中找到{about}{what}。"
NOT_FOUND_PLACE = "{region}的"
NOT_FOUND_ABOUT = "关于“{terms}”的"
WHAT_RULES = "相关规定"
WHAT_TARGETS = "相关目标"
# a name in quotation marks ("株洲氢谷", "动力电池之都")
QUOTED_NAME_RE = re.compile(r"“[^“”]{1,20}”|\"[^\"]{1,20}\"")
# words naming the whole country, as places are named (not a measure's words)
NATIONAL_WORDS = frozenset({"全国", "国家", "我国", "全省", "全市", "全区", "本省", "本市"})
WHAT_AGENCY = "该部门"
WHAT_SIMILAR = "类似措施"
WHAT_DOCUMENTS = "文件"
# agencies
LEAD_PART = "由{names}牵头"
CONTACT_PART = "文件列明的联系（受理）单位为{names}"
CO_WITH_LEAD_PART = "{names}配合"
CO_ALONE_PART = "由{names}按职责分工负责"
IMPLEMENTING_PART = "{names}负责落实"
FROM_SUB_ITEMS = "（据其下各项汇总）"
FROM_PARENT = "（据其所在条目的责任标注）"
# how the roles were found (ReadModel.effective_responsibilities) -> the note an answer adds
HOW_NOTES = {"children": FROM_SUB_ITEMS, "parent": FROM_PARENT}
# the question names a stored document but none of its clauses clears the refusal thresholds: the closest one answers,
# and says so (see Ranker.answerable)
WEAK_MATCH = "（该文件中没有与问题高度吻合的条款，以上据最接近的一条作答，请核对原文）"
AGENCIES_ANSWER = "根据{label}{subject}{note}，{parts}。"
# a clause with no annotation whose sentence the question asks about writes departments as its actor: they are read
# from that sentence, and the answer quotes it and says how it was read
# (the sentence names them as its actor, or as the body its subjectless task assists: "积极配合湖南省生态环境厅，完成…")
ACTORS_ANSWER = "{label}{subject}未以责任标注写明责任部门；据条文“{sentence}”：{parts}。"
NO_AGENCY_ANSWER = "{label}{subject}：{sentence}。"
# another plan of the scope says who, the best-matching one does not: both are said
ALSO_UNNAMED = "（{label}同一事项未指明责任部门）"
AGENCY_SENTENCE = "{label}{note}，{parts}"
NO_AGENCY_SENTENCE = "{label}：{sentence}"
PER_DOC_ANSWER = "未指明地区，{n}份文件有相关规定：{sentences}。"
# a plan as a whole
PLAN_LABEL = "《{title}》"
PLAN_ISSUED = "由{issuer}印发"
PLAN_ISSUER_UNKNOWN = "印发机关未能从文中读出"
PLAN_NO_LEADS = "{label}{issued}；文件未为各项任务指明牵头部门。"
PLAN_LEADS = "{label}{issued}。各项任务的牵头部门：{groups}。"
PLAN_ORGANISED = "{label}{issued}；文件未为各项任务指明牵头部门，其“{heading}”条款写明“{sentence}”，按列名先后：{parts}。"
PLAN_LEAD_GROUP = "{name}（{n}项：{headings}{more}）"
PLAN_MORE = "等"
# targets
TARGET_ANSWER = "根据{label}，{year}{targets}。"
TARGET_YEAR = "到{year}年，"
TARGET_ITEM = "{indicator}{comparator}{value}"
TARGET_QUALIFIER = "（{qualifier}）"
# qualifiers written after a figure in the documents ("22%左右", "90%以上"): the answer writes them there too
QUALIFIERS_AFTER_VALUE = ("左右", "以上", "以下", "以内")
TARGET_QUOTE = "原文：{sentence}"
SENTENCE_ANSWER = "根据{label}：{sentence}"
# an agency's duties
DUTIES_NONE = "未在已收录文件中找到{agency}负责的工作。"
DUTIES_ANSWER = "{agency}{role}负责{n}项工作：{items}。"
DUTY_ITEM = "{heading}（{clause_no}）"
ROLE_LEAD_WORD = "牵头"
ROLE_OTHER_WORD = "参与"
# similar measures, documents, free search
SIMILAR_TO = "与{label}“{heading}”类似的措施见于：{places}。"
# (a clause without a heading — a preamble, an unheaded article — is named by its document and number alone)
SIMILAR_TO_UNHEADED = "与{label}类似的措施见于：{places}。"
SIMILAR_NONE = "无"
SIMILAR_ANY = "以下文件提出了相关措施：{places}。"
SIMILAR_PLANS = "同类文件：{titles}。"
DOCUMENTS_ANSWER = "已收录{n}份文件：{titles}。"
DOCUMENT_TITLE = "《{title}》"
SEARCH_ANSWER = "最相关的条款是{label}“{heading}”：{sentence}"

# ----------------------------------------------------------------------------- routing constants
ROLE_ORDER = {"lead": 0, "co": 1, "implementing": 2}
# share of a question's content bigrams a document title must hold for a plan-level answer
PLAN_TITLE_SHARE = 0.8
# intents answered region by region when a question names several regions
PER_REGION_INTENTS = ("lead_agency", "responsible_agencies", "target_value", "search")
# the intents whose question may name a document as its subject rather than its source (who makes or leads it) …
ANSWERED_ELSEWHERE_INTENTS = frozenset({"lead_agency", "responsible_agencies"})
# … unless the question marks the document as where to look: "根据《…》", "按…", "《…》中 / 里 / 规定 / 提出"
SOURCE_MARKED_RE = re.compile(
    r"^(?:根据|按照|依据|依照|按|在)|(?:》|方案|办法|规划|意见|通知|准则|细则|规定|计划|要点|清单|指南)(?:中|里|内|提出|规定|要求|明确)"
)
# a similar-measures question that keeps to one region: "青海省内除了西宁，还有哪个地方…", "江苏省里其他城市…"
RE_OTHER_PLACES = re.compile(r"除了|其他|其它|别的|还有|另外|有没有")
RE_WITHIN_AFTER = (
    r"(?:省|市|自治区|州)?(?:(?:内|境内|范围内|里面?)(?!的?(?:文件|方案|规划|通知|办法|意见))"
    # "青海这边除了海西州，还有…": the place spoken from, then the one set apart inside it (a place: see similar_within)
    r"|(?:这边|那边|这里)(?=[，,]?除了?)"
    # "河北其他城市有类似文件吗": the province's other places
    r"|(?=的?(?:其他|其它|别的|另外的?)(?:城市|地市|市州|市县|市|县区|县|地方|地区))"
    # "除了福州，福建省还有哪些设区市印发了…": the places of the province, asked right after its name
    r"|(?=还有(?:哪些|哪个|哪几个)(?:设区市|地级市|城市|地市|市州|市县|市|县区|区县|县|地方|地区)))"
)
RE_SPOKEN_FROM = r"(?:这边|那边|这里)"
# the type of a document that carries out another in a place (a province's 实施意见 of a national 意见)
RE_IMPLEMENTING_TYPE = re.compile(r"实施(?:意见|方案|细则|办法)")
# a place set apart from the places asked about ("除了上海，其他地方有没有…", "除了成都，还有哪些城市…"): what follows the
# place is a word for other places, not a document of it ("除了上海这份通知" sets a document apart)
RE_PLACE_SET_APART_AFTER = (
    r"(?:省|市|自治区|州)?(?:之外|以外|外)?[，,]?\s*(?:还有|另外)?(?:其他|其它|别的|另外的|哪些|哪个|哪一个|哪几个)"
    r"(?:地方|城市|省份|省市|省区|省|地区|地市|市州|区县|县区|市|县)"
)
RE_REGION_LEVEL_END = re.compile(r"(?:省|市|自治区|特别行政区|自治州|州|地区|盟|县|区|旗)$")
# a target question across regions: "各省…分别是多少", "各地…目标对比"
RE_ACROSS_REGIONS = re.compile(r"(?:各省|各地|各市|各城市|各省份|各地区|不同(?:省份|城市|地区))[^？?]*(?:分别|各自|对比|比较|多少)")
# the across-region words themselves, dropped before ranking
RE_ACROSS_WORDS = re.compile(r"各省份?|各地区?|各市|各城市|不同(?:省份|城市|地区)|分别|各自|对比|比较")
# a question naming a document ("…节能减排实施方案由哪个部门负责解释"): the shared words ending in
# a document-type word identify the document, not a clause
RE_DOC_TYPE_END = re.compile(
    rf"(?:{doc_type_alternation(('方案', '计划', '规划', '意见', '通知', '办法', '纲要', '决定', '要点'))})$"
)
# how many of a question's first-ranked clauses are looked at for one clearing the refusal threshold (the first that does
# answers; chosen for targets by a sweep over the development sets, README "Twenty-first frozen measurement"; agency
# questions the same since the forty-first round)
TRUSTED_TOP = 2
MIN_DOC_REF = 4  # shortest common substring that counts as naming a document
# a run of one title this long (years and level words not counted) names its document even without a type word: a weak
# answer from it is no false claim, as with a doc number (the default; scripts/fit_title_run.py fits the value in force)
TITLE_RUN_NAMES = 8
# what may follow a document number inside the reference: its type word and a locative ("…111号办法里", "…25号文中")
AFTER_DOC_NUMBER_RE = re.compile(rf"(?:{doc_type_alternation()}|文件|文)?(?:里面|里|当中|中)?")
# a stated figure: a number with a unit (10亿元, 85%, 300万吨), not a bare year
# counting words (classifiers) a figure may carry: "1000块样地", "共25家", "30天内", "5处"
# what counts a figure in a clause: the words a question counts in, and those only clauses write after a number (fish,
# animals, wells, sheets, articles: "放流苗种30亿尾", "地热开采井343眼" — as question words 头 / 只 / 张 would misread
# "多少头部企业")
CLASSIFIERS = COUNT_CLASSIFIERS + "|尾|只|头|眼|张|篇"
# the end of a count in 万 / 亿 with no measure word after it: a bound word, punctuation or the end ("100万以上", not "100万元")
MAGNITUDE_COUNT_END = r"(?=以上|以下|左右|余|多|$|[，,。；;、）)])"
RE_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|[万亿千百]?(?:微克/立方米|毫克/立方米|毫克/升|元|吨|千瓦时|千瓦|兆瓦|公里|公顷|"
    r"平方米|立方米|蒸吨|标准煤|分贝|克|升|米|倍|" + CLASSIFIERS + ")"
    # units written in Latin letters in technical specifications (续航里程150km, 综合能耗2.3GJ/tCO2, 100kW)
    r"|(?i:kgce|tce|km|kwh|mwh|gwh|kw|mw|gw|gj|mj|tco2|nm3|m3|m2|㎡|kg|mg|μg)(?![A-Za-z])"
    # (tonnes as a catalogue's column writes them: "CO2减排量（年）：60306t")
    r"|t(?![A-Za-z]))"
    # a percentage written in words, as rules and regulations write it ("不超过百分之二十的比例上浮")
    r"|百分之[零〇一二三四五六七八九十百点两]+"
    # an amount's magnitude written in words, as plans write round goals ("产值分别过千亿", "突破万亿元", "五百亿级")
    r"|[一二三四五六七八九十两]?[千百万]亿"
    # a count in 万 / 亿 whose measure word was written before it ("全国实现培训人次达100万以上", "新增就业岗位约5万")
    r"|\d+(?:\.\d+)?\s*[万亿]" + MAGNITUDE_COUNT_END
)
# a year a clause states ("到2025年", "2030年前")
RE_STATED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
# "多少家 / 几个 / 多少块": the counting word a question asks for
# ("几个人" counts 人, answered by "5人" / "5名")
RE_ASKED_COUNT = re.compile(r"(?:多少|几)(?:个(?=人))?(" + COUNT_CLASSIFIERS + "|年)")


# counting words that count the same thing: a question's "多少天" is answered by "20个工作日"
# and enterprises, units and households are counted in 家, 个 or 户 alike ("选多少家重点企业" — "选取15个重点企业")
# — 个 only before what is counted so ("15个重点企业", not "13.5个百分点", "3个月", "13个设区市")
COUNTED_BY_GE = r"个(?=[\u4e00-\u9fff]{0,6}?(?:企业|单位|公司|工厂|用户|项目|园区))"
# a count in 个 written after what it counts, close before it in the same phrase ("推荐的绿色工厂不超过20个")
COUNTED_BEFORE_GE = r"(?:企业|单位|公司|工厂|用户|园区)[^，,。；;\d]{0,8}?\d+\s*个(?=[，,。；;、)）]|$|以上|以内|左右)"
SAME_COUNT = {
    "天": "天|日|个?工作日",
    "日": "天|日|个?工作日",
    "家": "家|户|" + COUNTED_BY_GE,
    "户": "户|家|" + COUNTED_BY_GE,
    "人": "人|名|个人",
    "名": "名|人",
}


def drop_doc_number(text: str, written: str) -> str:
    """``text`` without the document number ``written`` and the type word and locative right after it."""
    return re.sub(re.escape(written) + AFTER_DOC_NUMBER_RE.pattern, "", text)


# counting words whose counts a document mostly writes in words (一式三份, 六类, 两批)
WORD_COUNTED = frozenset({"份", "类", "批", "轮", "届"})


def asked_figure_re(classifier: str) -> re.Pattern[str]:
    """A figure counted in the asked word: "25家", "1.2万亩", "20个工作日" for 天; for 年 a duration
    ("3年"), never a year ("2025年")."""
    if classifier == "年":
        # (in digits or words: "有效期五年", "保存时间不得少于五年")
        # (never a year written in words — 二〇二一年, 二○二一年, 二O二一年 — nor an ordinal: 第二年)
        return re.compile(
            r"(?:(?<![\d.])\d{1,2}(?:\.\d)?|(?<![一二三四五六七八九十两零〇○OＯ0０第])"
            r"(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九两]))\s*个?年"
        )
    # (an approximate count written 余 / 多 after the number: "全省500余家…重点排放单位", "20多个")
    counted = r"\d+(?:\.\d+)?\s*[万亿千百]?[余多]?(?:" + SAME_COUNT.get(classifier, re.escape(classifier)) + ")"
    if classifier in WORD_COUNTED:
        # (copies and kinds are mostly written in words: "一式三份", "分六类组织", never an ordinal: 第六类)
        counted += r"|(?<![第一二三四五六七八九十两])[一二三四五六七八九十两]{1,3}(?:" + re.escape(classifier) + ")"
    if classifier in ("家", "户"):
        # … or counted in 个 after the thing counted ("每个地区推荐的绿色工厂不超过20个")
        counted += "|" + COUNTED_BEFORE_GE
    # … or the measure word written before a count in 万 / 亿 ("全国实现培训人次达100万以上")
    counted += (
        "|(?:" + SAME_COUNT.get(classifier, re.escape(classifier)) + r")(?:数|规模)?(?:达到|达|超过|突破|为|约|逾)\s*"
        r"\d+(?:\.\d+)?\s*[万亿]" + MAGNITUDE_COUNT_END
    )
    return re.compile(counted)


# what else a question may ask for beside a count, and the figure that answers it: an amount of money ("单个项目最高
# 奖励多少", "每项资助多少钱"), a time limit ("要在多长时间内告知"), a day ("低碳日是哪一天")
ASKED_MONEY_RE = re.compile(
    # (the money's kind after 多少, a level's between them: "每个项目给多少资助", "最多能拿到多少市级资助经费"; not what is
    # counted after it: "多少资助项目", "多少补贴名额")
    r"多少钱|多少(?:(?:国家|中央|省|市|县|区)级?|财政)?(?:资金|经费|资助|补助|补贴|奖励|奖补|万元|亿元|元)"
    rf"(?!(?:{COUNT_CLASSIFIERS})|项目|名额|对象|企业|单位|资格|指标|类|批)"
    r"|(?:奖励|补助|资助|补贴|奖补|资金|额度|金额|经费)"
    # (not the change of an amount: "贷款额度最多能上浮多少" asks a share)
    r"(?:(?!上浮|上调|下浮|下调|提高|增加|比例)[^，。？?]){0,6}(?:多少|几)"
    # (not a count or a duration: "资金支持多少家企业", "资助多少个项目", "补贴几年")
    rf"(?!(?:{COUNT_CLASSIFIERS})|年|成)"
)
ASKED_DURATION_RE = re.compile(
    r"多长时间|多久|(?:" + "|".join(TIME_LIMIT_WORDS) + r")[是为有]?多长|多少个?工作日|几个工作日|几个月|(?:多少|几)天(?:内|之内|以内)"
)
ASKED_DAY_RE = re.compile(r"哪[一几]?天|几月几[日号]|(?:时间|日期)是?(?:什么时候|哪天|几号)")
# the latest time for a step asked ("最迟要在什么时候前改造升级", "在什么时间前报送", "最晚什么时候要报上去"): a day or a
# deadline year answers ("于2022年5月30日前报送", "在2024年底前将能效改造升级到基准水平以上")
ASKED_LATEST_RE = re.compile(r"(?:什么时候|什么时间)(?:之前|以前|前)|(?:最晚|最迟)[^？?，,]{0,6}(?:什么时候|什么时间|何时)")
# a question asking from which day a document takes effect ("从哪天开始施行", "什么时候起实施", "施行日期是"), and the sentence
# that says it
EFFECTIVE_ASKED_RE = re.compile(
    r"(?:哪一?天|什么时候|何时|哪个日期|几月几[日号]|哪年哪月)[^？?，,]{0,4}(?:开始|起)?(?:施行|实施|生效|执行)(?!完成|到位)"
    r"|(?:施行|生效)(?:日期|时间)|实施日期"
)
# (the document is the subject: 本办法 / 该方案 / 《方案》 — not a measure's start, "自2022年7月1日起执行新的峰谷分时电价")
EFFECTIVE_DATE_RE = re.compile(
    r"^(?:本|该|此|《)[^，,。；]{0,20}?(?:自|从|于)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起?\s*"
    r"(?:施行|实施|生效|执行)"
)
MONEY_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?\s*[万亿千百]?元")
# a share asked ("按审计确认费用的多大比例给予资助", "占比是多少", "提高几个百分点") and a figure stating one ("50%", "百分之二十",
# "3个百分点")
ASKED_SHARE_RE = re.compile(
    r"多大(?:的)?(?:比例|比重)|多少比例|什么比例|百分之几|(?:多少|几)个百分点"
    r"|(?:比例|比重|占比|比率)(?:是|为|要|应|能|可以|需要|达到|不低于|不高于|不超过|控制在|提高到|提升到)*(?:多少|几)"
)
SHARE_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:[%％]|个百分点)|百分之[零〇一二三四五六七八九十百点两]+")
# a deadline year asked ("存量项目要在哪一年之前完成改造升级") and the year a sentence sets as one ("于2023年前完成",
# "2025年底前")
ASKED_DEADLINE_YEAR_RE = re.compile(r"哪一?年(?:底|年底)?(?:之前|以前|前)")
DEADLINE_YEAR_FIGURE_RE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*[日号]|底|末)?)?(?:底|年底)?(?:之前|以前|前)"
)
# the year a goal is to be reached ("最晚在什么时候实现碳达峰", "何时基本建成") and a year a sentence states ("2030年前实现碳达峰")
ASKED_GOAL_YEAR_RE = re.compile(r"(?:什么时候|何时|哪一?年)[^？?，,]{0,4}(?:实现|完成|建成|达到|达峰|形成)")
GOAL_YEAR_FIGURE_RE = re.compile(r"(?:19|20)\d{2}\s*年(?:底|年底)?(?:之前|以前|前)?")
CHINESE_COUNT = r"(?:(?<![\d.])\d{1,3}(?:\.\d)?|[一二三四五六七八九十两]{1,3})"
# (a count of years is a duration — "保存时间不得少于五年", "建设期不应超过两年"; CHINESE_COUNT never reads a year "2025年")
DURATION_FIGURE_RE = re.compile(CHINESE_COUNT + r"\s*个?(?:工作日|自然日|日|天|小时|个月|周|年)")
DAY_FIGURE_RE = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|[上中下]旬)")
LATEST_FIGURE_RE = re.compile(DAY_FIGURE_RE.pattern + "|" + DEADLINE_YEAR_FIGURE_RE.pattern)


# a question asking when the document itself was issued or signed, which its own date answers ("这份通知是哪天印发的",
# "成文日期是哪天") — not one that names the document by its issuing ("生态环境部发布的通知里，自查报告什么时间前报送")
ISSUE_DATE_ASKED_RE = re.compile(
    r"(?:印发|发布|成文|签发|发文|出台|落款)(?:的)?(?:日期|时间)"
    r"|(?:哪一?天|什么时候|何时|几月几[日号])(?:正式)?(?:印发|发布|签发|成文|发文|出台)"
)
WRITTEN_DAY_RE = re.compile(r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def only_the_date(sentence: str, iso_date: str) -> bool:
    """Whether every day ``sentence`` writes is the document's own date ``iso_date`` (yyyy-mm-dd; a day written without
    its year counts by month and day): the date under its signature, not a day the document sets."""
    days = WRITTEN_DAY_RE.findall(sentence)
    if not iso_date or not days:
        return False
    year, month, day = iso_date.split("-")[:3] if iso_date.count("-") == 2 else ("", "", "")
    return all((not y or y == year) and int(m) == int(month or 0) and int(d) == int(day or 0) for y, m, d in days)


# a question asking a figure's upper bound ("推荐数量上限是多少", "最多能推荐几个"), and a sentence stating one ("每个地区推荐的
# 绿色工厂不超过20个", "最高不超过200万元", "控制在…以内")
ASKED_UPPER_BOUND_RE = re.compile(r"上限|最多|最高|封顶|不超过|不得超过|至多")
UPPER_BOUND_STATED_RE = re.compile(r"上限|最多|最高|封顶|不超过|不得超过|不高于|至多|以内|之内|控制在")


def bound_kept(question: str, recorded: str, stated: str) -> bool:
    """Whether a recorded target's sentence keeps its place before another sentence's figure because the question asks an
    upper bound that the recorded sentence states and the other does not ("每个地区推荐的绿色工厂数量上限是多少": "…不超过20个",
    not "…推荐数量可放宽至30家", though that one holds more of the question's words)."""
    return bool(
        ASKED_UPPER_BOUND_RE.search(question) and UPPER_BOUND_STATED_RE.search(recorded or "")
        and not UPPER_BOUND_STATED_RE.search(stated)
    )


def asked_figure(question: str) -> re.Pattern[str] | None:
    """The figure a target question asks for when it asks a kind (a count in its counting word, money, a time limit,
    a day, a deadline year, a share), else None: a figure of another kind in the same clause (a percentage for a count,
    a tonnage for money, money for a share) does not answer it."""
    for asked_re, figure_re in (
        (ASKED_MONEY_RE, MONEY_FIGURE_RE), (ASKED_DURATION_RE, DURATION_FIGURE_RE), (ASKED_DAY_RE, DAY_FIGURE_RE),
        (ASKED_DEADLINE_YEAR_RE, DEADLINE_YEAR_FIGURE_RE), (ASKED_GOAL_YEAR_RE, GOAL_YEAR_FIGURE_RE),
        # (a goal's time first: "最晚在什么时候实现碳达峰" asks the year it is reached)
        (ASKED_LATEST_RE, LATEST_FIGURE_RE),
        (ASKED_SHARE_RE, SHARE_FIGURE_RE),
    ):
        if asked_re.search(question):
            # "…控制线是多少，什么时候前达到": the value is asked first, the day beside it
            asks_value = figure_re in (DAY_FIGURE_RE, LATEST_FIGURE_RE, GOAL_YEAR_FIGURE_RE) and "多少" in question
            if not asks_value:
                return figure_re
    # (a kind first: "几个工作日" asks a time limit written "五个工作日", not a count of 个)
    if asked := RE_ASKED_COUNT.search(question):
        return asked_figure_re(asked.group(1))
    return None


# a clause holding at least this many paragraphs of its own (its heading line aside) states measures of its own
OWN_MEASURES_MIN_PARAGRAPHS = 2
# how many of the best clauses stating a figure a target question's sentence answer is looked for in
FIGURE_SENTENCE_DEPTH = 3
# clauses of several documents within this share of the best clause's probability match "about equally"
SAME_MATCH_SHARE = 0.85
# the share (IDF-weighted) of the question's terms a figure's own wording must hold to answer a target question: fitted by
# scripts/fit_figure_coverage.py into search/dictionaries/figure_coverage.json; this hand value without the file
MIN_TERM_COVERAGE = 0.5
FIGURE_COVERAGE_FILE = Path(__file__).resolve().parent / "dictionaries" / "figure_coverage.json"


def min_figure_coverage(path: Path = FIGURE_COVERAGE_FILE) -> float:
    """The fitted term-coverage floor of target answers (:data:`MIN_TERM_COVERAGE` when the file is missing or unreadable)."""
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["min_figure_coverage"])
    except (OSError, KeyError, TypeError, ValueError):
        return MIN_TERM_COVERAGE


UNSURE_ANSWERS_FILE = Path(__file__).resolve().parent / "dictionaries" / "unsure_answers.json"
# how many of the best clauses a figure may come from to answer when the best clause is below the refusal threshold
UNSURE_FIGURE_DEPTH = 3


def unsure_coverage(key: str, path: Path = UNSURE_ANSWERS_FILE) -> float | None:
    """A fitted term-coverage floor above which wording the refusal model is unsure of still answers (``key``:
    ``unsure_figure_coverage`` for a recorded figure's wording, ``unsure_sentence_coverage`` for a sentence of the best
    clause); None — never — when the file or the key is missing or unreadable."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))[key]
        return None if value is None else float(value)
    except (OSError, KeyError, TypeError, ValueError):
        return None


def answer_agencies(roles: Iterable[AgencyRole]) -> list[AnswerAgency]:
    """Distinct agencies, lead first then co then implementing, document order within a role; one body written two
    ways in one document (区发改委 beside 区发展改革委: one canonical name) is listed once, as first written."""
    best: dict[str, tuple[int, int, AgencyRole]] = {}
    for i, ar in enumerate(roles):
        role = ar.responsibility.role
        key = ar.agency.canonical or ar.agency.name
        rank = ROLE_ORDER.get(role, 3)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, best.get(key, (rank, i))[1], ar)
    ordered = sorted(best.values(), key=lambda v: (v[0], v[1]))
    return [
        AnswerAgency(v[2].agency.name, v[2].responsibility.role, v[2].agency.region, *responsibility_how(v[2].responsibility))
        for v in ordered
    ]


def target_item(t: Target) -> str:
    """One target as the answer states it: indicator, comparator and value, a qualifier written after a figure where
    the documents write it ("比重达到22%左右"), others in brackets ("（力争）")."""
    desc = TARGET_ITEM.format(indicator=t.indicator_raw or t.indicator, comparator=t.comparator or "", value=t.value)
    qualifiers = [q for q in (t.qualifier or "").split("、") if q]
    after = "".join(q for q in qualifiers if q in QUALIFIERS_AFTER_VALUE)
    others = "、".join(q for q in qualifiers if q not in QUALIFIERS_AFTER_VALUE)
    return desc + after + (TARGET_QUALIFIER.format(qualifier=others) if others else "")


def split_sentences(text: str) -> list[str]:
    """``text``'s sentences, each with its closing 。/；/; (blank pieces left out)."""
    return [s for s in re.split(r"(?<=[。；;])", text) if s.strip()]


def sentence_before(text: str, sentence: str) -> str:
    """The sentence before ``sentence`` in its paragraph of ``text``; "" when the sentence opens its paragraph or is not
    found as written."""
    at = text.find(sentence.strip())
    if at <= 0:
        return ""
    before = split_sentences(text[text.rfind("\n", 0, at) + 1 : at])
    return before[-1] if before else ""


# the words of a question before a span back to its last punctuation
WORDS_BEFORE_RE = re.compile(r"[^，,。；;：:？?！!]+$")


def share_in_title(words: str, title: str) -> float:
    """The share of ``words``' content bigrams that ``title`` holds (0.0 when they hold none)."""
    got = content_bigrams(words)
    return len(got & content_bigrams(title)) / len(got) if got else 0.0


def attachment_title(text: str) -> str:
    """The title an attachment's opening clause starts with: its first lines up to the first that writes a sentence (a
    title wrapped over two lines: "成都市近零碳排放区试点建设方案" + "编制指南"), at most :data:`MAX_ATTACHMENT_TITLE`
    characters; "" when the first line is already a sentence."""
    title = ""
    for line in text.split("\n"):
        line = line.strip()
        if not line or any(p in line for p in "，。；：,;:") or len(title + line) > MAX_ATTACHMENT_TITLE:
            break
        title += line
    return title


def part_named(question: str, parts: dict[str, tuple[str, frozenset[str]]]) -> str | None:
    """The bundled plan (:func:`search.readmodel.bundled_parts`, of one or more documents) a question names by the words
    its title alone holds among its document's plans — what stands between the titles' shared opening and shared ending
    ("福建省" … "行业“十四五”节能降碳实施方案": 冶金, 建材, 石化化工), two characters or more —, when exactly one plan's are in
    the question; None otherwise."""
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for root, (title, _members) in parts.items():
        by_doc.setdefault(root.split("#", 1)[0], []).append((root, title))
    text = unicodedata.normalize("NFKC", question)
    named = []
    for fellows in by_doc.values():
        titles = [t for _r, t in fellows]
        head = len(os.path.commonprefix(titles))
        tail = len(os.path.commonprefix([t[::-1] for t in titles]))
        for root, title in fellows:
            own = title[head : len(title) - tail] if len(title) - tail > head else ""
            if len(own) >= 2 and unicodedata.normalize("NFKC", own) in text:
                named.append(root)
    return named[0] if len(named) == 1 else None


def actor_roles(names: list[str], together: bool, region: str, central_issuer: bool = False) -> list[AnswerAgency]:
    """The bodies a sentence writes as its actor (raw names), qualified with the document's region: the first listed
    leads and the rest are co unless they act together (共同 / 分别 …: all lead); lower-level bodies carry it out (README
    "Responsibility conventions"). In a document central ministries issued (``central_issuer``), a list of fields'
    departments written without any level, every one of a field the table knows, is those fields' central bodies
    ("发展改革、科技…等部门要加强协同配合": 国家发展改革委, 科技部 …; ingest/dictionaries/national_field_bodies.tsv); any
    other list (a level written, a field the table lacks) stays as written."""
    if central_issuer:
        central = [national_body_of_field(n) for n in names]
        if all(central):
            names = [c for c in central if c]
    qualified = qualify_agencies(names, region, province_of(region))
    # (the plan's own government is no lower level: "市委、市政府对全市…负总责" in a city's plan)
    lower = [is_implementing(raw) and a.name not in (region + "政府", region + "人民政府") for raw, a in zip(names, qualified)]
    leader = next((n for n, low in zip(names, lower) if not low), None)
    actors = [
        AnswerAgency(a.name, "implementing" if low else "lead" if together or raw == leader else "co", a.region, "actor")
        for raw, a, low in zip(names, qualified, lower)
    ]
    return in_charge_when_alone(actors)


def in_charge_when_alone(agencies: list[AnswerAgency]) -> list[AnswerAgency]:
    """The asked measure's bodies when they are all sub-region governments (implementing): they are the ones in charge
    of it, so the answer names them as its lead ("各盟市人民政府要对…旗县进行预警提醒", "各州（市）人民政府应至少确定一座…设施");
    beside any lead or co body they stay implementing (ingest's convention, README "Responsibility conventions")."""
    if not agencies or any(a.role != "implementing" for a in agencies):
        return agencies
    return [replace(a, role="lead") for a in agencies]


def combine(frame: QuestionFrame, parts: list[Answer]) -> Answer:
    """One answer from per-region parts: texts by region, facts and evidence of the parts found."""
    found = [p for p in parts if p.found]
    text = "\n".join(REGION_PART.format(region=p.region, answer=p.answer) for p in parts)
    agencies: list[AnswerAgency] = []
    for p in found:
        agencies.extend(a for a in p.agencies if a not in agencies)
    return Answer(
        frame.question,
        frame.intent,
        bool(found),
        text,
        tuple(agencies),
        tuple(t for p in found for t in p.targets),
        tuple(e for p in found for e in p.evidence[:2]),
        parts=tuple(parts),
    )


# a title longer than this is noise (a heading run-on), not a name a question repeats
MAX_TITLE_CHARS = 120


@lru_cache(maxsize=4096)
def _substrings(text: str) -> frozenset[str]:
    """Every substring of a title (at most MAX_TITLE_CHARS characters), built once per title."""
    text = text[:MAX_TITLE_CHARS]
    return frozenset(text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1))


def _ngrams(text: str, n: int) -> set[str]:
    """The character n-grams of a text."""
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _longest_common(a: str, b: str) -> str:
    """Longest common substring of question words ``a`` and a title ``b`` (the first, on ties).

    One pass over ``a`` against the set of ``b``'s substrings: the match length only grows, so
    there are at most ``2·len(a)`` set lookups — linear in the question, whatever its shape.
    """
    subs = _substrings(b)
    start, best = 0, 0
    for i in range(len(a)):
        while i + best < len(a) and a[i : i + best + 1] in subs:
            start, best = i, best + 1
    return a[start : start + best]


# What a title shares with any question and names no plan: years, 全国 / level words ("2022年全国…").
RE_TITLE_COMMON_WORDS = re.compile(r"(?:19|20)\d{2}年?度?|全国|全省|全市|[省市县区]")


def _names_document(common: str) -> bool:
    """A common substring long enough to name a document: >= 6 characters, or >= 4 ending in a document type,
    not counting years and level words ("2022年全国" names no document)."""
    content = RE_TITLE_COMMON_WORDS.sub("", common)
    return len(content) >= 6 or (len(content) >= MIN_DOC_REF and bool(RE_DOC_TYPE_END.search(common)))


def word_aligned(text: str, run: str, words: Sequence[str]) -> str:
    """``run`` (found in ``text``) cut back to the words of ``text`` it holds whole: a title run that ends inside a
    word of the question ("可再生能源发" of 全省可再生能源发电装机, against 湖南省可再生能源发展规划) is the word's
    neighbour in the title by chance, not the title."""
    at = text.find(run)
    if at < 0 or not run:
        return run
    end = at + len(run)
    bounds, pos = {0}, 0
    for w in words:
        pos += len(w)
        bounds.add(pos)
    if pos != len(text):  # the words do not spell the text (another normalisation): leave the run as found
        return run
    start = min((b for b in bounds if b >= at), default=end)
    stop = max((b for b in bounds if b <= end), default=at)
    return text[start:stop] if stop > start else ""


def _without_title_runs(text: str, title: str, segment: Callable[[str], Sequence[str]] | None = None) -> str:
    """``text`` without every run it shares with ``title`` long enough to name a document (see
    :func:`drop_reference`), each cut back to whole words of ``text`` when ``segment`` splits it into words (a run that
    is too short once cut stays, and shorter runs elsewhere are still looked for)."""
    kept: list[str] = []  # runs left in place, masked meanwhile by private-use characters no title holds

    def mask(k: int, run: str) -> str:
        return chr(0xE000 + k) * len(run)

    common = _longest_common(text, title)
    while _names_document(common) and len(kept) < 0x100:
        if segment is not None:
            aligned = word_aligned(text, common, segment(text))
            if not _names_document(aligned):
                text = text.replace(common, mask(len(kept), common), 1)
                kept.append(common)
                common = _longest_common(text, title)
                continue
            common = aligned
        text = drop_reference(text, common, (title,))
        common = _longest_common(text, title)
    for k, run in enumerate(kept):
        text = text.replace(mask(k, run), run)
    return text


def drop_reference(text: str, span: str, titles: Sequence[str]) -> str:
    """``text`` without the reference ``span`` to a document titled one of ``titles``, and with it the body that
    published it written right before ("国务院新闻办《…》") and the title's type word and a reporting verb written right
    after ("《新时代的中国能源发展》白皮书称": 白皮书 ends the title, the question quoted it without)."""
    at = text.find(span)
    if at < 0:
        return text
    after = re.match(
        rf"\s*[”》\"]?\s*(?P<type>{TITLE_TYPE_RE.pattern})?(?:称|提出|指出|明确|规定|写道)?", text[at + len(span) :]
    )
    end = at + len(span)
    if after and (not after.group("type") or any(after.group("type") in t for t in titles)):
        end += len(after.group(0))
    before = PUBLISHER_BEFORE_TITLE_RE.search(text[:at])
    start = before.start() if before else at
    while before and (other := PUBLISHER_BEFORE_PUBLISHER_RE.search(text[:start])):
        start = other.start()
    return text[:start] + " " + text[end:]


# the publishing bodies written right before a title ("国务院新闻办《…》白皮书", "生态环境部印发的《…》", "工信部、发改委、
# 生态环境部关于促进钢铁工业高质量发展的指导意见", "三明银保监分局和市金融局那份绿色金融…方案")
PUBLISHER = r"[\u4e00-\u9fff]{1,12}(?:办公厅|办公室|办|部|委|局|厅|署|院|政府)"
PUBLISHER_BEFORE_TITLE_RE = re.compile(
    PUBLISHER + r"[\s、，,和与及]*(?:联合)?(?:印发|发布|出台)?的?(?:[那这]份|[那这]个|该)?\s*[“《\"]?\s*$"
)
# another publisher of the list, written before the one found and apart from it (read one name at a time: a nested
# repetition over a run of body names backtracks exponentially)
PUBLISHER_BEFORE_PUBLISHER_RE = re.compile(PUBLISHER + r"[\s、，,和与及]+$")
# a document-type word that may close a title a question quotes without it
TITLE_TYPE_RE = re.compile(doc_type_alternation())


def _role_parts(agencies: list[AnswerAgency], *, implementing: bool) -> list[str]:
    """The "由A牵头" / "B配合" / "C负责落实" phrases of an agency answer."""
    lead = [a.name for a in agencies if a.role == "lead"]
    co = [a.name for a in agencies if a.role == "co"]
    impl = [a.name for a in agencies if a.role == "implementing"] if implementing else []
    parts = []
    if lead:
        parts.append(LEAD_PART.format(names="、".join(lead)))
    if co:
        parts.append((CO_WITH_LEAD_PART if lead else CO_ALONE_PART).format(names="、".join(co)))
    if impl:
        parts.append(IMPLEMENTING_PART.format(names="、".join(impl)))
    return parts


SIMILAR_PLANS_FILE = Path(__file__).resolve().parent / "dictionaries" / "similar_plans.json"


@lru_cache(maxsize=1)
def title_thresholds(path: Path = TITLE_THRESHOLDS_FILE) -> tuple[float, int]:
    """The fitted (share, content bigrams) a question's title must reach to name another place's plan (the defaults
    :data:`OTHER_TITLE_SHARE`, :data:`OTHER_TITLE_MIN_BIGRAMS` where the file is missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return float(data["other_title_share"]), int(data["other_title_min_bigrams"])
    except (OSError, KeyError, ValueError, TypeError):
        return OTHER_TITLE_SHARE, OTHER_TITLE_MIN_BIGRAMS


def title_run_names(path: Path = TITLE_RUN_FILE) -> int:
    """The fitted length of a title run that names its document (:data:`TITLE_RUN_NAMES` where the file is missing or
    unreadable)."""
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["title_run_names"])
    except (OSError, KeyError, ValueError, TypeError):
        return TITLE_RUN_NAMES


@lru_cache(maxsize=1)
def similar_plan_share(path: Path = SIMILAR_PLANS_FILE) -> float | None:
    """The fitted title-share threshold for plans of the same kind (None: the file is missing, none is listed)."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["min_title_share"]
    except (OSError, KeyError, ValueError):
        return None
    return None if value is None else float(value)


def _place_label(e: Evidence) -> str:
    """Where a similar measure stands: its region, or its document's title for a national document (national
    documents are told apart by title, not by "全国")."""
    return e.region if e.region and e.region != "全国" else f"《{e.doc_title}》"


def issuer_names(issuer: str) -> list[str]:
    """The bodies of a document's issuer field ("国家发展改革委、国家能源局"), in order."""
    return [n for n in re.split(r"[、，,]\s*", issuer or "") if n]


# the kind of document a similar-measures question asks for, written after 类似 and ending in a document type
RE_KIND_ASKED = re.compile(
    rf"类似(?:的|地)?(?P<kind>[^，,。；？?]{{2,40}}?(?:{doc_type_alternation()}))(?:吗|呢|没有)?[？?。]?$"
)
# … or the measure the other places' documents are to be about, written after the verb of issuing ("其他省份有没有专门发文
# 遏制“两高”项目盲目发展的？")
RE_SOUGHT_ASKED = re.compile(
    r"(?:(?:其他|其它|别的|另外的?)[^，,。；？?]{0,6}?(?:有没有|还有没有|有哪些|还有哪些)"
    # ("除此之外，还有哪些地方专门出台了林业（林草）碳汇方面的行动计划"; "还有哪些部门专门发文成立了…领导小组")
    r"|还有(?:哪些|哪个|哪几个)(?:地方|地区|省份|省区|省|城市|地级市|地市|设区市|市州|市县|区县|市|县|部门|单位)(?:也)?)"
    r"(?:专门|单独|也)?"
    r"(?:发文|出台了?|出了|印发了?|制定了?)(?P<kind>[^，,。；？?]{4,40}?)的?(?:文件|政策|规定)?(?:吗|呢)?[？?。]?$"
)
# … or the documents sought named by their subject after another one is set apart ("除了临沂的实施方案，语料里还有哪些推进
# 绿色低碳县城建设的政策文件？")
RE_DOCS_SOUGHT = re.compile(
    r"除了?[^，,？?]{1,40}[，,][^？?]{0,12}?还有(?:哪些|哪几份|什么)"
    # (not bodies nor what they do: "除了市发展改革委，还有哪些部门负责落实节能政策", "…参与制定了这个文件")
    r"(?!部门|单位|机构|机关|配套|税收|优惠)(?![^，,。；？?]*(?:负责|参与|牵头|配合|制定了这))"
    r"(?P<kind>[^，,。；？?]{4,40}?)的(?:政策文件|文件)(?:吗|呢)?[？?。]?$"
)


def kind_asked(question: str) -> re.Match[str] | None:
    """The kind of document a similar-documents question seeks (its ``kind`` group), written after 类似, after the verb
    of issuing, or as the subject of the documents sought; None when it names none."""
    return RE_KIND_ASKED.search(question) or RE_SOUGHT_ASKED.search(question) or RE_DOCS_SOUGHT.search(question)


# the words that close such a kind: a plan's kind and type ("行动方案", "发展规划", "实施意见")
RE_KIND_TYPE_END = re.compile(rf"(?:行动|专项行动|发展|实施|工作)?(?:{doc_type_alternation()})$")
# an alternative that is a type alone ("…的行动计划或管理办法": 管理办法), its subject written before the first one
RE_TYPE_ONLY = re.compile(rf"(?:管理|行动|专项行动|发展|实施|工作|指导|试点)?(?:{doc_type_alternation()})")
# what is not content in such a kind: the type words, years, function words
# what follows the body that issued a plan a question names ("国家发改委等部门出台了…", "江苏省生态环境厅出了…")
RE_ISSUED_AFTER_BODY = re.compile(r"(?:等(?:部门|单位|[一二三四五六七八九十]部门))?(?:联合)?(?:出台了|出了|印发了?|发布了|制定了|转发了?|下发了?|发了)")
# a similar-plans question's words for the places asked about and for how their plans came about ("西北地区还有哪些市州也编制
# 了…", "哪些省市出台了配套的实施方案", "有没有省份据此制定了…", "“十四五”时期的…规划"): framing, not the theme
RE_SIMILAR_FRAMING = re.compile(
    r"省市|市州|州市|市县|县市|县区|区县|地市|省区|盟市|(?:也|还|都)?(?:编制|印发|制定|发布)了|配套的?|据此|等部门|(?<=五”)时期|(?<=五)时期"
    # … nor how or for whom the others issued theirs ("有没有哪个省也专门发了本省…的通知"; not the 出了 of 提出了 or 作出了, the
    # 发了 of 开发了 or 研发了, the 本市 of 资本市场), nor the year of the edition named ("开展2022年全国节能宣传周…的通知": the
    # other places' editions are of any year; not a target's year: "2030年前碳达峰", "2025年底")
    r"|(?:也|还|都)?(?:专门|单独)?(?:出台了|下发了|(?<![开研启颁提作支超突指])发了|(?<![提作支超突指推产演])出了)"
    r"|本省|(?<![资成])本市|本地区?|(?:19|20)\d{2}年(?:度|(?![前后底末内]))"
)
RE_NO_CONTENT = re.compile(rf"{doc_type_alternation()}|的|[\d年]|关于|工作|实施")


# a number a question quotes: digits not part of a year or a count of years (2025年, 3年), a date (6月13日) or a name
# (PM2.5, CO2, 5G), nor a bare year (2025底, 2030前)
RE_QUOTED_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)(?![\d.A-Za-z]|\s*(?:年|月|日|号))")
RE_BARE_YEAR_AFTER = re.compile(r"\s*(?:底|前|后|以前|以后)")


def issued_by_place(before: str, names: tuple[str, ...]) -> bool:
    """Whether the text ``before`` a title ends with the place (one of its ``names``) or its government or office
    ("河北省人民政府", "重庆市", "山西省政府办公厅"): the title is written as that place's own."""
    if not names:
        return False
    return re.search(rf"(?:{'|'.join(map(re.escape, names))})(?:省|市)?(?:人民政府|政府)?(?:办公厅|办公室)?$", before) is not None


def quoted_numbers(question: str) -> list[str]:
    """The numbers a question quotes to name a measure ("年节能量300吨标准煤以上" -> ["300"]), years and dates left out,
    and the numbers of a document number it names ("渝环〔2021〕111号碳惠通办法里…" names the document, not a measure)."""
    text = normalise(question)
    for written, _norm in find_doc_numbers(text):
        text = text.replace(written, " ")
    return [
        m.group(1) for m in RE_QUOTED_NUMBER.finditer(text)
        if not (re.fullmatch(r"(?:19|20)\d{2}", m.group(1)) and RE_BARE_YEAR_AFTER.match(text, m.end()))
    ]


def states_number(sentence: str, number: str) -> bool:
    """Whether ``sentence`` writes ``number`` as a number of its own (300 in 300吨, not in 3000吨 or 2300)."""
    return bool(re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", sentence))


# the level of places a similar-measures question asks about ("还有哪个省", "其他城市")
RE_ASKED_PROVINCES = re.compile(r"(?:哪个|哪些|哪几个|其他|其它|别的|各)(?:省(?!内|里|级|市)|省级(?:地区|行政区|单位))|省份")
RE_ASKED_CITIES = re.compile(r"(?:哪个|哪些|哪几个|其他|其它|别的|各)(?:城市|地市|市(?!内|里|级|场|民))")


def asked_level(question: str) -> str | None:
    """The level of documents a question asks for by its place word: provincial (还有哪个省, 其他省份), city (其他城市), or
    None."""
    if RE_ASKED_PROVINCES.search(question):
        return "provincial"
    if RE_ASKED_CITIES.search(question):
        return "city"
    return None


def place_among(place: str, regions: Sequence[str]) -> bool:
    """Whether ``place`` (a qualified region) is among ``regions`` or written the same as one of them in its province
    (宜宾市 and 宜宾县 are both written 宜宾: a question's and a clause's reading of one written place may differ)."""
    return place in regions or any(written_alike(place, r) for r in regions)


def names_scope(question: str, outer: str, inner: str) -> bool:
    """Whether ``inner`` (a qualified place inside ``outer``) is written right after ``outer`` ("山东省威海市",
    "山东的威海"): it then narrows the question's scope, rather than naming a place inside a measure
    ("山东…支持威海绿色金融改革")."""
    text = unicodedata.normalize("NFKC", question)
    at = text.find(outer) if outer else -1
    if at < 0:
        return False
    after = text[at + len(outer) :]
    return any(re.match(rf"^[省市区县的]?\s*{re.escape(form)}", after) for form in (inner, short_name(inner)) if form)


@lru_cache(maxsize=8192)
def _title_bigrams(title: str) -> frozenset[str]:
    """A stored title's bigrams (:func:`search.readmodel.bigrams`), computed once per title."""
    return frozenset(bigrams(title))


# a plan's name the question writes that is as long as this is specific enough to be looked for in clauses' text
MIN_MEASURE_NAME = 8
# the level a question writes before a plan's name, which no title of the level's own documents repeats
LEVEL_OPENING_RE = re.compile(r"^(?:国家|全国|中央|我国|本省|本市|全省|全市|省级|市级|省(?!会|份|内|外)|市(?!场|政|区|县|委|民|容))")


class Answerers:
    """The answerers of every intent over one read model and ranker.

    Args:
        model: the store snapshot.
        ranker: ranks clauses (and holds the index and weights).
        parser: parses questions (again, once a document reference is removed).
    """

    def __init__(self, model: ReadModel, ranker: Ranker, parser: QuestionParser):
        self.model = model
        self.ranker = ranker
        self.parser = parser
        # title share above which a document is "a plan of the same kind" (fitted; None: off)
        self.plan_share = similar_plan_share()
        # how much of the question's terms a figure's wording must hold (fitted; the hand value without a file)
        self.min_figure_coverage = min_figure_coverage()
        # how much of the question's terms a recorded figure's wording must hold to answer from clauses the refusal model
        # is unsure of (fitted; None: never)
        self.unsure_figure_coverage = unsure_coverage("unsure_figure_coverage")
        # … and a sentence of the best clause, to name who is responsible for what it says (fitted; None: never)
        self.unsure_sentence_coverage = unsure_coverage("unsure_sentence_coverage")
        self.other_title_share, self.other_title_min_bigrams = title_thresholds()
        self.title_run_names = title_run_names()
        # which target of the best clauses answers a target question (fitted; hand weights without a file)
        self.target_weights: TargetWeights = default_target_weights()
        # which other documents a similar-measures answer lists (fitted; hand weights without a file)
        self.similar_weights: SimilarWeights = default_similar_weights()

    # ------------------------------------------------------------------------- routing
    def answer(self, question: str) -> Answer:
        """Answer one question (``found`` False when the documents do not say)."""
        frame = self.parser.parse(question)
        if not self.model.docs:
            return Answer(question, frame.intent, False, EMPTY_STORE)
        if not RE_WORD_CHAR.search(normalise(question)):  # punctuation, symbols, control characters only
            return Answer(question, frame.intent, False, NO_WORDS)
        answer = self.answer_parsed(frame)
        return self.other_edition(frame, answer) or answer

    def answer_parsed(self, frame: QuestionFrame) -> Answer:
        """Answer a parsed question: its document reference resolved and removed, then by region and intent."""
        question = frame.question
        asked = frame
        frame = self.apply_document_reference(frame)
        if frame.not_in_corpus:
            place = frame.region or frame.region_mentioned
            return Answer(question, frame.intent, False, NOT_IN_CORPUS.format(place=place))
        if (quoted := self.unstored_quoted_title(frame)) is not None:
            return Answer(question, frame.intent, False, NOT_STORED_QUOTED.format(title=quoted))
        if (own := self.own_title_resolved_below(asked, frame)) is not None:
            return Answer(question, frame.intent, False, NOT_STORED_TITLE.format(place=asked.region, others=own))
        # (the place as asked: a reference to its places' plans may have left the frame without one)
        placed = frame if frame.region or not asked.region else replace(frame, region=asked.region, region_known=asked.region_known)
        if (others := self.title_of_another_place(placed)) is not None:
            titles = "、".join(f"{self.model.docs[d].region}的《{self.model.doc_titles[d]}》" for d in others[:3])
            return Answer(question, frame.intent, False, NOT_STORED_TITLE.format(place=placed.region, others=titles))
        stripped = self.strip_document_reference(frame)
        answer = self.answer_frame(stripped)
        if (
            answer.found and frame.intent == "target_value"
            and (cited := self.unstored_quoted_title(frame, cited=True)) is not None
            and normalise(cited) in normalise(answer.answer) and not RE_FIGURE.search(answer.answer.split("：", 1)[-1])
        ):
            # a figure asked of a document not stored that a stored one only cites ("陕西省《控制甲烷排放实施方案》对…定了
            # 什么目标" answered by the sentence that says the plan will be made): the citing sentence states no figure of it
            return Answer(question, frame.intent, False, NOT_STORED_QUOTED.format(title=cited))
        if not answer.found and (
            (stripped.doc_ids and not frame.doc_ids)
            or (stripped is not frame and (frame.referenced or not self.measure_terms_left(stripped)))
        ):
            # the title words were a measure's own words ("公共机构绿色低碳先进适用技术目录由哪些部门编制" holds the
            # words of another plan's title, 公共机构绿色低碳引领行动…): nothing there, so the whole store is asked;
            # or they were the measure the question names, in part or all ("526号文件中，到2025年我国废旧纺织品循环
            # 利用率…" — the named plan's own title words): the named documents are asked with them
            retried = self.answer_frame(frame)
            if retried.found:
                return retried
        if not answer.found and stripped.doc_ids and not frame.doc_ids:
            # a run of one stored title long enough to name it by itself ("国家生态工业示范园区按要求报送的…数据表…由谁组织
            # …审查": the notice's own subject) names that document as a number would: its best clause answers, weakly
            distinct = self.titled_by_run(frame, stripped.doc_ids)
            if distinct:
                retried = self.answer_frame(replace(stripped, doc_ids=distinct, referenced=distinct))
                if retried.found:
                    return retried
        if (
            not answer.found and frame.doc_ids and frame.intent in ANSWERED_ELSEWHERE_INTENTS
            and not find_doc_numbers(frame.question) and not SOURCE_MARKED_RE.search(normalise(frame.question))
        ):
            # the document named by its title may be what the question is about, not where the answer stands ("企业环境信息
            # 依法披露格式准则由哪个部门负责制定" — the 管理办法 says who makes the 准则): nothing in it, so the store is asked
            # with the title's words kept as the measure; never a document named by its number or as the place to look
            retried = self.answer_frame(replace(frame, doc_ids=(), referenced=()))
            if retried.found:
                return retried
        return answer

    def titled_by_run(self, frame: QuestionFrame, doc_ids: Sequence[str]) -> tuple[str, ...]:
        """The documents whose title shares with the question a run of at least ``title_run_names`` characters (years
        and level words not counted; ``title_run_names``, fitted) that no other stored title holds, the longest such run of
        the documents given: the question names each of them."""
        kw = "".join(RE_CONTENT.findall(normalise(frame.question)))
        runs: dict[str, str] = {}
        for doc_id in doc_ids:
            title = "".join(RE_CONTENT.findall(normalise(self.model.docs[doc_id].title)))
            common = _longest_common(kw, title)
            if len(RE_TITLE_COMMON_WORDS.sub("", common)) >= self.title_run_names:
                runs[doc_id] = common
        if not runs:
            return ()
        # the longest run names the document; a shorter one of another title is the genre's common wording (碳达峰碳中和实施)
        longest = max(len(r) for r in runs.values())
        return tuple(
            d for d, r in runs.items()
            if len(r) == longest and sum(r in normalise(t) for t in self.model.doc_titles.values()) == 1
        )

    def unstored_quoted_title(self, frame: QuestionFrame, *, cited: bool = False) -> str | None:
        """The title a question quotes in 《》 as the document it asks about ("陕西省《控制甲烷排放实施方案》对…定了什么目标")
        when no stored title holds enough of it (:data:`search.docref.MIN_TITLE_SHARE`) and no document of the question's
        scope (the national documents when it names no place) cites it: that document is not stored. None otherwise (a
        referenced or cited title, a doc number). With
        ``cited``, such a title that a document of the scope does cite (its figures are not in the citing text)."""
        m = self.model
        if frame.referenced or frame.intent == "similar_measures" or find_doc_numbers(frame.question):
            return None
        if frame.region_mentioned and not frame.region_known:
            return None  # (a place's documents are read to see whether they cite it; the whole store is not)
        # a title quoted with no place ("教育部印发的《…实施方案》里…"): a national document's, which the national
        # documents would cite
        scope = m.scope_docs(frame, include_sub=True) if frame.region else m.docs_of("全国")
        words = [w for w in (frame.region, frame.region_mentioned) if w]
        for frag, span in title_fragments(frame.question):
            if not span.startswith("《") or not RE_DOC_TYPE_END.search(normalise(frag)):
                continue  # (a quoted standard or catalogue name — 《绿色工厂评价要求》 — is no document asked about)
            share, _docs, _frag = strongest_title_match(span, m.doc_titles, words, min_bigrams=self.other_title_min_bigrams)
            if _frag == "" or share >= MIN_TITLE_SHARE:
                continue
            if not cited and self.asked_as_itself(frame, span):
                return frag  # the question opens with it and asks what it says ("《…暂行办法》（省政府令第371号）对…怎么规定")
            if self.mentioned_in(scope, frag) is not cited:
                continue  # a document of the scope cites it: the question asks about what it says of it
            return frag
        return None

    def asked_as_itself(self, frame: QuestionFrame, span: str) -> bool:
        """Whether the question opens with the quoted title ``span`` (按照 / 根据 … and the question's place before it at
        most) and asks what that document says (its number in brackets, then 对…, 规定, 要求 …: "《湖北省碳排放权管理和交易
        暂行办法》（省政府令第371号）对碳排放配额分配是怎么规定的"): the document asked about is that one, not a stored
        one that cites it."""
        text = unicodedata.normalize("NFKC", frame.question)
        at = text.find(span)
        if at < 0 or not ASKED_AS_ITSELF_RE.match(text[at + len(span) :]):
            return False
        before = QUOTED_OPENER_RE.sub("", text[:at])
        places = {p for w in (frame.region, frame.region_mentioned) if w for p in (w, short_name(w))}
        return before == "" or before in places

    def mentioned_in(self, doc_ids: Iterable[str], phrase: str) -> bool:
        """Whether a clause of the documents writes ``phrase`` (compared as the plain text is: normalised, lower-cased)."""
        written = normalise(phrase).lower()
        return any(written in self.model.plain.get(c.clause_id, "") for d in doc_ids for c in self.model.by_doc.get(d, []))

    def own_title_resolved_below(self, asked: QuestionFrame, frame: QuestionFrame) -> str | None:
        """The documents (as "place的《title》" text) that a title the question gives as its place's own resolved to when
        all of them are plans of places inside it that the question does not write, else None: the place's own document
        is not stored ("《黑龙江省绿色建筑创建行动实施方案》" read as 哈尔滨's plan of that name; "河北省人民政府《关于建立健全…
        实施意见》" as 石家庄's and 邯郸's). The title is the place's own when it opens with the place's name or the place's
        name or government stands right before its 《》."""
        m = self.model
        place = asked.region
        if not place or place == "全国" or not asked.region_known or not frame.referenced:
            return None
        below = [d for d in frame.referenced if d in m.docs]
        if not below or any(
            m.docs[d].region == place or self.place_written(m.docs[d].region, asked.question) for d in below
        ) or not all(m.region_descendant(m.docs[d].region, place) for d in below):
            return None
        text = normalise(asked.question)
        short = short_name(place)
        names = tuple(n for n in (place, short) if len(n) >= 2)
        # the place, or its government, written right before the 《
        quoted = [(mq.start(), mq.group(1)) for mq in re.finditer(r"《([^》]{2,80})》", text)]
        if not any(title.lstrip("“\"").startswith(names) or issued_by_place(text[:at], names) for at, title in quoted):
            return None
        return "、".join(f"{m.docs[d].region}的《{m.doc_titles[d]}》" for d in below[:3])

    def title_of_another_place(self, frame: QuestionFrame) -> tuple[str, ...] | None:
        """The documents of other places whose title the question writes ("北京市能源发展“十四五”规划里…" with only
        上海市能源发展“十四五”规划 stored), when the question's place has none by that title: its plan is not stored,
        and another document of the place must not stand in for it. None when the question names a stored document of
        its place (or a number, or asks for similar plans), or the title is not specific enough."""
        m = self.model
        if frame.intent == "similar_measures" or not frame.region or frame.region == "全国":
            return None
        if not frame.region_known or find_doc_numbers(frame.question) or len(set(frame.regions_mentioned)) > 1:
            return None  # (several places asked: each answers for itself)
        words = [w for w in (frame.region, frame.region_mentioned) if w]
        share, docs, frag = strongest_title_match(
            frame.question, m.doc_titles, words, min_bigrams=self.other_title_min_bigrams
        )
        if share < self.other_title_share or not docs:
            return None
        if frame.referenced:
            # a reference the place's own plans did not resolve, its places' did ("山东省“十四五”海洋生态环境保护规划" read
            # as 济宁's and 德州's 生态环境保护规划, 海洋 left over) stands only when it matches as well as the other titles
            if any(m.docs[d].region == frame.region for d in frame.referenced if d in m.docs):
                return None
            named, _docs, _frag = strongest_title_match(
                frame.question, {d: m.doc_titles[d] for d in frame.referenced if d in m.doc_titles}, words,
                min_bigrams=self.other_title_min_bigrams,
            )
            if named >= share:
                return None
        own = set(m.scope_docs(frame, include_sub=True))
        # the place's own plans by that title; a plan of a place inside it is not the place's ("甘肃省“十四五”生态环境
        # 保护规划" with only 白银市's stored: the province's plan is missing, the city's does not stand in for it)
        if any(d in m.docs and m.docs[d].region == frame.region for d in docs):
            return None
        # the place's own documents speak of it ("沈阳市碳排放配额分配方案" is what 沈阳's 办法 charges its bureau to make):
        # a measure asked about, not a plan missing from the store
        written = re.sub(r"[“”\"《》〈〉]", "", frag)
        if len(normalise(written)) >= 4 and self.mentioned_in(own, written):
            return None
        # another place's plan (or a plan of a place inside the asked one), not a national one or one of a region that
        # holds the asked place — unless the place's own implementation of it is asked ("重庆市关于深入打好污染防治攻坚战的
        # 实施意见" beside the national 关于深入打好污染防治攻坚战的意见 only)
        own_implementation = self.own_implementation_written(frame, frag)
        # (the place written as the title's own first words, "广东省减污降碳协同增效实施方案中…": the place's plan of that
        # name is asked, which a national plan of the name does not stand in for)
        titled_by_place = self.place_opens_title(frame, written)
        for d in docs:
            region = m.docs[d].region if d in m.docs else ""
            if region in ("", "全国") or m.region_descendant(frame.region, region):
                if own_implementation and RE_IMPLEMENTING_TYPE.search(normalise(m.doc_titles.get(d, ""))) is None:
                    continue
                if titled_by_place and region == "全国":
                    continue
                return None
        return docs

    def place_opens_title(self, frame: QuestionFrame, written: str) -> bool:
        """Whether the question writes its place right before the title words ``written`` and opens with them, as one
        title ("广东省减污降碳协同增效实施方案中，…": the place's own plan of that name), not a place and a plan apart
        ("广东落实《减污降碳协同增效实施方案》…")."""
        question = normalise(frame.question)
        title = normalise(written)
        for place in (w for w in (frame.region_mentioned, frame.region) if w):
            place = normalise(place)
            if title.startswith(place):
                title = title[len(place):]
            if len(title) >= 4 and question.startswith(place + title):
                return True
        return False

    def own_implementation_written(self, frame: QuestionFrame, fragment: str) -> bool:
        """Whether the question writes ``fragment`` (a title's words) as its place's own implementing document: the place
        (or its government or office) right before it, and the type an implementing one (实施意见, 实施方案, 实施细则)."""
        if not fragment or not RE_IMPLEMENTING_TYPE.search(normalise(fragment)):
            return False
        text = normalise(frame.question)
        at = text.find(normalise(fragment))
        if at < 0:
            return False
        names = tuple(n for n in (frame.region, short_name(frame.region)) if n and len(n) >= 2)
        return issued_by_place(text[:at], names)

    def other_edition(self, frame: QuestionFrame, answer: Answer) -> Answer | None:
        """"未收录" for a question about an edition of a yearly document the store does not hold, whose answer came from
        another year's edition ("2023年全国节能宣传周…" answered from the 2022 notice) or that found nothing while the store
        holds one other edition of it, else None. A doc number decides the document on its own, and a target question's
        target year is no edition ("2025年…目标")."""
        if (answer.found and not answer.evidence) or find_doc_numbers(frame.question):
            return None
        edition = edition_not_stored(frame.question, self.model.doc_titles)
        if edition is None:
            return None
        asked, others = edition
        # (a year written with 年度 is an edition's, never a target's: "2022年度…申报指南中…拟支持几个项目"; a target's year
        # is written as one to reach or a deadline — "到2025年…", "2023年底前…" — not before the document's name:
        # "江苏省生态环境厅2023年推动碳达峰碳中和工作计划中，…覆盖多少家企业" asks the 2023 edition)
        question = normalise(frame.question)
        if (
            asked.isdigit() and frame.intent == "target_value" and frame.year == int(asked) and f"{asked}年度" not in question
            and re.search(rf"(?:到|至|截至|截止|(?<!关)于|在|力争){asked}年|{asked}年(?:底|末|前|以前|之前|内)", question)
        ):
            return None
        if answer.found:
            clause = self.model.clauses.get(answer.evidence[0].clause_id)
            doc_id = clause.doc_id if clause is not None else ""
        else:
            # (a refusal names the one other edition the store holds of the place asked — a national one when none is,
            # never another place's notice of the same kind: "2021、2022年度…分配实施方案" asked, 2019-2020's held)
            own = [d for d in others if self.model.docs[d].region == (frame.region or "全国")]
            doc_id = own[0] if len(own) == 1 else ""
        if doc_id not in others:
            return None
        template = NOT_STORED_ORDINAL_EDITION if asked.startswith("第") else NOT_STORED_EDITION
        text = template.format(asked=asked, stored=others[doc_id], title=self.model.doc_titles[doc_id])
        return Answer(frame.question, frame.intent, False, text)

    def measure_terms_left(self, frame: QuestionFrame) -> bool:
        """Whether the frame's search terms name anything besides places (全国, 福建, 宜宾市)."""
        return any(
            not all(term in NATIONAL_WORDS or region_named(term) for term in terms)
            for terms, _weight in self.ranker.term_units(frame)
        )

    def answer_frame(self, frame: QuestionFrame) -> Answer:
        """Answer a parsed frame whose document reference is resolved: per region, across regions or by intent."""
        question = frame.question
        if not frame.doc_ids:
            regions = self.answer_regions(frame)
            if len(regions) >= 2 and frame.intent in PER_REGION_INTENTS:
                split = self.per_region(frame, regions)
                if split.found or not self.places_inside_measure(frame, regions):
                    return split
                # places of the asked place's plan named inside its measure ("阿坝州规划提出加快阿坝县、理县厨余垃圾处理设施
                # …建设"): the places' own documents do not say, the plan does
                return self.dispatch(frame)
            if len(regions) == 1 and regions[0] != frame.region:
                # a more specific place than the first one named ("山西省的大同市"): it decides
                region, known = self.parser.coverage(regions[0], frame.intent)
                if known:
                    narrowed = self.dispatch(replace(frame, region=region))
                    if (
                        narrowed.found
                        or not (frame.region and frame.region_known)
                        or not self.mentioned_in_scope(frame, regions[0])
                    ):
                        return narrowed
                    # the place inside is one a measure of the outer place's plans names ("江苏…跟踪国电泰州电厂CCUS项目":
                    # the project's city, with plans of its own that do not say): the outer place's documents answer
                elif not (
                    frame.region
                    and frame.region_known
                    and not names_scope(question, frame.region_mentioned or frame.region, regions[0])
                    and self.mentioned_in_scope(frame, regions[0])
                ):
                    return Answer(question, frame.intent, False, NOT_IN_CORPUS.format(place=regions[0]))
                # else: a place without documents named inside a measure of the covered place's plans
                # ("山东…支持威海绿色金融改革"): the covered place's documents answer
            if frame.region is None and frame.intent == "target_value" and RE_ACROSS_REGIONS.search(frame.question):
                return self.across_regions(frame)
        return self.dispatch(frame)

    def dispatch(self, frame: QuestionFrame) -> Answer:
        """The answerer of the frame's intent (free search for any other)."""
        handler = {
            "lead_agency": self.agencies,
            "responsible_agencies": self.agencies,
            "target_value": self.target,
            "agency_duties": self.duties,
            "similar_measures": self.similar,
            "document_lookup": self.documents,
        }.get(frame.intent, self.search)
        return handler(frame)

    def answer_regions(self, frame: QuestionFrame) -> list[str]:
        """The regions a question asks about, the most specific of nested ones kept ("山西省的大同市" -> 大同市)."""
        named = [r for r in frame.regions_mentioned if r and r != "全国"]
        # a place written only inside a quoted name ("湖南要打造“株洲氢谷”和“岳阳氢港”") names a project, not a scope,
        # when another place is written outside the quotes
        unquoted = QUOTED_NAME_RE.sub("", normalise(frame.question))
        outside = [r for r in named if r in unquoted or short_name(r) in unquoted]
        if outside and len(outside) < len(named):
            named = outside
        specific = [r for r in named if not any(o != r and self.model.region_descendant(o, r) for o in named)]
        if len(specific) >= 2:
            return [r for r in specific if self.parser.coverage(r, frame.intent)[1]]
        return specific

    def places_inside_measure(self, frame: QuestionFrame, places: list[str]) -> bool:
        """Whether every place is one the frame's own place holds and its documents' clauses name (the places of a measure
        of the place's plan, not places asked about one by one)."""
        region = frame.region
        if not (region and frame.region_known and region != "全国"):
            return False
        return all(
            p != region and self.model.region_descendant(p, region) and self.mentioned_in_scope(frame, p) for p in places
        )

    def mentioned_in_scope(self, frame: QuestionFrame, place: str) -> bool:
        """Whether a clause of the documents in the frame's scope names ``place`` (a qualified region), or a place
        written the same (the question's 宜宾 read as 宜宾市, the clause's as 宜宾县)."""
        m = self.model
        return any(place_among(place, c.regions) for d in m.scope_docs(frame) for c in m.by_doc.get(d, ()))

    def per_region(self, frame: QuestionFrame, regions: list[str]) -> Answer:
        """One answer part per region named ("太原和晋城的VOCs治理分别由哪个部门牵头？")."""
        parts = [replace(self.dispatch(replace(frame, region=r)), region=r) for r in regions]
        return combine(frame, parts)

    def across_regions(self, frame: QuestionFrame, limit: int = 12) -> Answer:
        """"各省…分别是多少": the best target of each region whose documents state one, as parts."""
        m = self.model
        level = "provincial" if re.search(r"各省|不同省份", frame.question) else (
            "city" if re.search(r"各市|各城市|不同城市", frame.question) else None
        )
        frame = replace(frame, keywords=RE_ACROSS_WORDS.sub(" ", frame.keywords), core=RE_ACROSS_WORDS.sub(" ", frame.core))
        ranked = self.ranker.rank_clauses(frame, sorted(m.docs), prefer="targets")
        regions: list[str] = []
        for s in ranked[:200]:
            doc = m.docs.get(m.clauses[s.clause_id].doc_id)
            if level and doc and doc.level != level:
                continue
            if doc and doc.region and doc.region not in regions and m.targets_by_clause.get(s.clause_id):
                regions.append(doc.region)
            if len(regions) >= limit:
                break
        parts = [replace(self.target(replace(frame, region=r)), region=r) for r in regions]
        parts = [
            p for p in parts
            if p.found and p.targets and (frame.year is None or any(t.year == frame.year for t in p.targets))
        ]
        if not parts:
            return self.dispatch(frame)
        return combine(frame, parts)

    # ------------------------------------------------------------------------- document references
    @staticmethod
    def annotation_notes(responsibility: Responsibility) -> list[str]:
        """The bracketed annotations a role was read from (none for a role read from prose or a table)."""
        return annotation_parts(responsibility.evidence or "") if responsibility.source == "annotation" else []

    def title_share(self, phrase: str) -> float:
        """The largest share of a phrase's bigrams that one stored title holds."""
        bg = bigrams(phrase)
        if not bg:
            return 0.0
        return max((len(bg & _title_bigrams(t)) / len(bg) for t in self.model.doc_titles.values()), default=0.0)

    @staticmethod
    def place_written(region: str, question: str) -> bool:
        """Whether the question writes the place, in full or by its short form (浦东新区 as 浦东)."""
        short = short_name(region) if region else ""
        return bool(region) and (region in question or (len(short) >= 2 and short in question))

    def apply_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Scope a question that names a document (number or title) to it, and drop the reference words.

        The question is parsed again without the reference so the title's words do not drive clause
        matching; the region becomes the named documents' region when they share one.
        """
        m = self.model
        region_words = [w for w in (frame.region, frame.region_mentioned) if w]
        # a named region scopes title references (宜昌's 生态环境保护规划 is not 郑州's); an uncovered
        # region leaves nothing in scope
        in_scope = (m.scope_docs(frame) if frame.region_known else []) if frame.region else None
        if frame.region and not frame.region_known:
            # a place no document covers may still name a plan by its title ("江北新区碳达峰行动计划", stored
            # under 南京市): the documents whose titles name it are in scope
            written = frame.region_mentioned or frame.region
            in_scope = [d for d, title in m.doc_titles.items() if written and written in title]
        if frame.region == "全国" and any(r and r != "全国" for r in frame.regions_mentioned):
            # "国家支持宁夏建设…先行区的实施方案": a national plan for a named place, stored under that place
            in_scope = None

        def named_in(scope: list[str] | None) -> DocumentReference:
            return resolve_reference(
                frame.question, m.doc_titles, m.doc_numbers, lambda: m.doc_headers, region_words, scope,
                self.parser.synonyms,
            )

        ref = named_in(in_scope)
        if (
            not ref.doc_ids
            and frame.region
            and frame.region_known
            and frame.intent != "similar_measures"
            and title_fragments(frame.question)  # (cheap: only a question naming some title asks for the places')
        ):
            # a region's question may name a document of one of its places ("上海人大…通过的浦东绿色金融规定", stored
            # under 浦东新区): the places' documents, when the region's own name none (not for similar measures: the
            # places' plans like the region's are what such a question seeks)
            own = set(in_scope or ())
            below = [d for d in m.scope_docs(frame, include_sub=True) if d not in own]
            got = named_in(below) if below else ref
            # (by title, only a place the question writes: "甘肃省“十四五”生态环境保护规划" is the province's own plan,
            # not 白银市's of that title; a number names its document wherever it was issued)
            if got.kind != "title" or all(self.place_written(m.docs[d].region, frame.question) for d in got.doc_ids if d in m.docs):
                ref = got
        if (
            not ref.doc_ids
            and frame.region
            and frame.intent != "similar_measures"
            and title_fragments(frame.question)
            and (outer := m.enclosing_docs(frame.region, frame.regions_mentioned))
        ):
            # a place's question may name a plan of the province that holds it ("厦门…这块，福建省海洋规划里写的是
            # 谁来牵头"; 厦门 need not have plans of its own): the documents of the enclosing regions it names, when
            # neither the place's nor its places' name one
            ref = named_in(outer)
        if (
            not ref.doc_ids
            and frame.region
            and frame.region != "全国"
            and frame.intent != "similar_measures"
            and (
                (frame.region_known and any(opens_with_national_issuer(frag) for frag, _span in title_fragments(frame.question)))
                or place_after_references(
                    frame.question, (frame.region_mentioned, frame.region, short_name(frame.region) if frame.region else "")
                )
            )
        ):
            # a national document named by its national issuer and title while a place is named inside the measure
            # asked about ("交通运输部2021年度节能低碳技术推广目录里，郑州氢燃料电池公交车应用项目…": the project's city,
            # not the document's region), or named by its title first with the place written only after it
            # ("交通运输行业重点节能低碳技术推广目录（2021年度）里，秦皇岛港…", 秦皇岛 with no documents of its own):
            # the national documents, when neither the place's nor its provinces' name one
            ref = named_in(m.docs_of("全国"))
        if not ref.doc_ids and frame.region and frame.region_known and frame.intent != "similar_measures" and in_scope:
            # "福建省的条例对…": the region's one document of the type named
            ref = type_only_reference(frame.question, m.doc_titles, in_scope, region_words)
        if (
            ref.doc_ids and ref.kind == "title" and frame.intent != "similar_measures"
            and (measures := self.measure_names(frame))
            and len(measures) == len(title_fragments(frame.question))
        ):
            # a title only like the plan's name the question writes, which a clause writes as a measure: no reference;
            # the documents whose clauses write it hold the measure (a question also naming a stored title keeps it:
            # "《碳排放权交易管理办法（试行）》规定的…分配方案由谁制定")
            writing = tuple(d for d in m.scope_docs(frame) if any(self.mentioned_in([d], name) for name in measures))
            # (only the named document writing it is that document's own full title in its preamble, which the stored
            # title shortens: "《深圳市工业和信息化局支持…扶持计划操作规程》" of 110, stored without its issuer — a reference)
            if not set(writing) <= set(ref.doc_ids):
                return replace(self.joint_plans(self.without_doc_numbers(frame)), doc_ids=writing)
        if not ref.doc_ids:
            if frame.region and not frame.region_known and in_scope:
                zone = self.zone_named_in_title(frame, in_scope)
                if zone is not None:
                    return zone
            return self.joint_plans(self.without_doc_numbers(frame))
        text = unicodedata.normalize("NFKC", frame.question)
        for written in [w for w, _ in find_doc_numbers(text)]:  # a doc number beside a title reference
            # with the document-type word and locative right after it ("渝环〔2021〕111号办法里"): all reference
            text = drop_doc_number(text, written)
        titles = [m.docs[d].title for d in ref.doc_ids if d in m.docs]
        for span in ref.spans:
            while span and span in text:
                text = drop_reference(text, span, titles)
        # who issued it and "印发的规划" say which document, not which measure: gone with the reference
        for doc_id in ref.doc_ids:
            for issuer in re.split(r"[、，,\s]+", m.docs[doc_id].issuer if doc_id in m.docs else ""):
                if len(issuer) >= 3:
                    text = text.replace(issuer, " ")
        text = ISSUING_WORDS_RE.sub(" ", text)
        regions = {m.docs[d].region for d in ref.doc_ids if d in m.docs}
        doc_region = regions.pop() if len(regions) == 1 else None
        stripped = self.parser.parse(text)
        if stripped.region is None and doc_region and doc_region != "全国":
            # the region was written inside the reference ("上海市公共机构…方案里市经信委…"): keep it
            # for the agency and region words of the rest
            stripped = self.parser.parse(doc_region + "，" + text)
        region = doc_region or stripped.region
        if frame.intent == "similar_measures":
            # "…方案有哪些可以参考": the title is the theme of a similar-plans question, and what is left
            # ("有哪些可以参考") no longer reads as one
            stripped = replace(stripped, intent=frame.intent)
        if not stripped.agency and len(ref.doc_ids) == 1 and ISSUER_SELF_RE.search(normalise(frame.question)):
            # "…通知里，部里自己牵头的是哪一部分": the department that issued the named document speaks of itself
            body = self.issuing_body(ref.doc_ids[0])
            if body is not None:
                stripped = replace(stripped, agency=body, intent=self.parser.intent_of(normalise(frame.question), True))
        if frame.intent == "agency_duties" and frame.agency and not stripped.agency:
            # the agency asked about is the document's issuer, whose name went with the reference ("上海市生态环境局在
            # …通知里，自己牵头抓的是哪一项工作"): it is still the one asked about
            stripped = replace(stripped, intent=frame.intent, agency=frame.agency)
        return replace(
            stripped,
            question=frame.question,
            region=region or None,
            region_mentioned=stripped.region_mentioned or frame.region_mentioned,
            region_known=True,
            doc_ids=ref.doc_ids,
            referenced=ref.doc_ids,
        )

    def issuing_body(self, doc_id: str) -> str | None:
        """The stored agency that issued a document (its first issuer; a ministry's 办公厅 stands for the ministry, as
        its notices' "我部" does), or None."""
        doc = self.model.docs.get(doc_id)
        first = next(iter(issuer_names(doc.issuer if doc else "")), "")
        names = {a.name for a in self.model.agencies}
        for name in (first, re.sub(r"(?:办公厅|办公室)$", "", first)):
            if name and name in names:
                return name
        return None

    def zone_named_in_title(self, frame: QuestionFrame, titled: list[str]) -> QuestionFrame | None:
        """A place without documents written as the start of a zone a stored title names ("广州开发区建充电桩…", the plan
        of 广州市黄埔区 广州开发区 广州高新区): the question is about the documents whose titles hold the longest such run
        (at least two characters past the place), and the run is no content."""
        written = frame.region_mentioned or frame.region or ""
        text = unicodedata.normalize("NFKC", frame.question)
        at = text.find(written) if written else -1
        if at < 0:
            return None
        runs: dict[str, int] = {}
        for doc_id in titled:
            title = unicodedata.normalize("NFKC", self.model.doc_titles.get(doc_id, ""))
            n = len(written)
            while at + n < len(text) and text[at : at + n + 1] in title:
                n += 1
            # the run goes two characters past the place ("广州" + "开发区"), or the place is a zone of its own that
            # no gazetteer lists, written whole in the title ("江北新区" in "南京江北新区碳达峰…行动计划")
            if n >= len(written) + 2 or (n == len(written) and UNLISTED_ZONE_RE.search(written)):
                runs[doc_id] = n
        if not runs:
            return None
        longest = max(runs.values())
        docs = tuple(sorted(d for d, n in runs.items() if n == longest))
        zone = text[at : at + longest]
        regions = {self.model.docs[d].region for d in docs if d in self.model.docs}
        stripped = self.parser.parse(text.replace(zone, " "))
        return replace(
            stripped,
            question=frame.question,
            intent=frame.intent,
            region=regions.pop() if len(regions) == 1 else frame.region,
            region_mentioned=zone,
            region_known=True,
            doc_ids=docs,
        )

    def joint_plans(self, frame: QuestionFrame) -> QuestionFrame:
        """A question naming a group of regions by one word and no place ("川渝两地…牵头单位分别是谁") is
        answered from the stored plans whose titles name that group (成渝地区双城经济圈…联合行动方案); one asking for
        the group's own plan ("京津冀…联合行动方案里…") when none is stored is not in the corpus."""
        if frame.region is not None or frame.doc_ids:
            return frame
        m = self.model
        question = unicodedata.normalize("NFKC", frame.question)
        groups = groups_named(question)
        if not groups:
            return frame
        fragments = [frag for frag, _span in title_fragments(question)]
        for group in groups:
            docs = tuple(sorted(d for d, title in m.doc_titles.items() if any(f in title for f in group.forms)))
            if docs:
                return replace(frame, doc_ids=docs, region_known=True)
            named = next((f for f in group.forms if any(f in frag for frag in fragments)), None)
            if named:
                # the group's own plan ("京津冀协同推进…联合行动方案") is asked for and none is stored: its members'
                # plans do not answer for it
                return replace(frame, region_mentioned=named, region_known=False)
        return frame

    def without_doc_numbers(self, frame: QuestionFrame) -> QuestionFrame:
        """A question whose doc number names no stored document, parsed again without it: a doc number
        ("市政发〔2021〕21号") is never what a clause is about (the question's region and intent stay)."""
        written = [w for w, _ in find_doc_numbers(frame.question)]
        if not written:
            return frame
        text = unicodedata.normalize("NFKC", frame.question)
        for w in written:
            text = drop_doc_number(text, w)  # "西安市政府市政发〔…〕21号印发的" -> "西安市政府印发的": issuing words
        stripped = self.parser.parse(ISSUING_WORDS_RE.sub(" ", text))
        return replace(
            stripped,
            question=frame.question,
            intent=frame.intent,
            region=frame.region,
            region_mentioned=frame.region_mentioned,
            regions_mentioned=frame.regions_mentioned,
            region_known=frame.region_known,
        )

    def measure_names(self, frame: QuestionFrame) -> list[str]:
        """The plans' names the question writes that no stored title holds but a clause of its scope writes
        ("河北的碳达峰碳中和技术攻关实施方案由哪个部门来编制": 290's clause charges 省科技厅 to compile it; "全国碳市场的碳排放配额
        总量确定与分配方案是哪个部门制定的": the 管理办法's 第十四条 says who makes it): measures asked about, not
        references to documents."""
        return [
            frag for frag, _span in title_fragments(frame.question)
            if len(normalise(frag)) >= MIN_MEASURE_NAME
            # (not a stored title: a plan's own preamble writes its title too; "国家碳达峰行动方案" is the stored
            # 2030年前碳达峰行动方案 named with its level)
            and self.title_share(LEVEL_OPENING_RE.sub("", frag)) < STORED_TITLE_SHARE
            and self.mentioned_in(self.model.scope_docs(frame), frag)
        ]

    def strip_document_reference(self, frame: QuestionFrame) -> QuestionFrame:
        """Remove words naming a document (its title) from the clause-matching keywords.

        "太原市“十四五”节能减排实施方案由哪个部门负责解释" names the plan; its title words occur in
        every clause and would drown "负责解释". A common substring of >= 6 characters, or of
        >= 4 ending in a document-type word (方案/计划…), counts as naming the document; the
        scope is then narrowed to the documents named.
        """
        kw = frame.keywords
        if not frame.doc_ids and self.measure_names(frame):
            return frame
        kw_grams = _ngrams(kw, MIN_DOC_REF)
        # every title's run is measured against the question as asked (not as left by another title's run)
        runs: dict[str, int] = {}
        titles: dict[str, str] = {}
        for doc_id in self.model.scope_docs(frame):
            title = "".join(RE_CONTENT.findall(normalise(self.model.docs[doc_id].title)))
            if not kw_grams & _ngrams(title, MIN_DOC_REF):
                continue  # no common run as long as the shortest name: nothing to find (cheap, per title)
            common = _longest_common(kw, title)
            if _names_document(common):
                runs[doc_id], titles[doc_id] = len(RE_TITLE_COMMON_WORDS.sub("", common)), title
        named = list(runs)
        if frame.intent == "similar_measures" and runs:
            # "国管局印发了2022年公共机构…工作安排，有哪些省份出了类似的…": the title holding the longest run is the
            # document asked about; titles holding a piece of it (山东's 2022年…工作要点) are what the question seeks
            longest = max(runs.values())
            named = [d for d, n in runs.items() if n == longest]
        if not named:
            return frame
        core = frame.core
        for doc_id in named:
            kw = _without_title_runs(kw, titles[doc_id], self.ranker.segment)
            core = _without_title_runs(core, titles[doc_id], self.ranker.segment)
        return replace(frame, keywords=" ".join(kw.split()), core=" ".join(core.split()), doc_ids=tuple(named))

    # ------------------------------------------------------------------------- answer parts
    def evidence(self, clause_id: str, score: float) -> Evidence:
        """One clause as evidence, with its document's source, title and region."""
        c = self.model.clauses[clause_id]
        d = self.model.docs.get(c.doc_id)
        return Evidence(
            source=d.source if d else c.doc_id,
            doc_title=d.title if d else "",
            region=d.region if d else "",
            clause_no=c.path,
            heading=c.heading,
            text=c.text,
            score=float(score),
            clause_id=clause_id,
            page_start=c.page_start,
            page_end=c.page_end,
        )

    def plan_label(self, doc_id: str) -> str:
        """A document as listed: 《title》, its region first when the title does not name it (天津市《关于…方案》)."""
        d = self.model.docs[doc_id]
        title = DOCUMENT_TITLE.format(title=d.title or doc_id)
        region = d.region or ""
        if not region or region == "全国" or region in title:
            return title
        gaz = self.model.gazetteer
        if gaz is not None and gaz.find_mentions(d.title or ""):
            return title  # the title names its place in a short form (天津、黑龙江省)
        return region + title

    def doc_label(self, clause_id: str) -> str:
        """A clause as cited: 《document title》clause path."""
        c = self.model.clauses[clause_id]
        d = self.model.docs.get(c.doc_id)
        title = d.title if d and d.title else c.doc_id
        # (a plan bundled with others in its document is cited by its own title too: their clause paths repeat)
        if part := self.model.bundled_plan_title(clause_id):
            return BUNDLED_PLAN_LABEL.format(title=title, plan=part, path=c.path)
        return DOC_LABEL.format(title=title, path=c.path)

    def sentences(self, clause_id: str) -> list[str]:
        """A clause's sentences (split at 。；; when the record holds none)."""
        c = self.model.clauses[clause_id]
        return list(c.sentences) or split_sentences(c.text)

    def best_sentence(self, clause_id: str, frame: QuestionFrame) -> str:
        """The clause sentence sharing most bigrams with the question."""
        sentences = self.sentences(clause_id)
        q_bg = bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        best, best_s = "", -1.0
        for s in sentences:
            sc = len(bigrams(s) & q_bg)
            if sc > best_s:
                best, best_s = s, sc
        return strip_markup(best).strip()

    def count_sentence(self, clause_id: str, classifier: str) -> str:
        """The first sentence of a clause that states a figure counted in ``classifier`` (家, 块 …), or ""."""
        pattern = asked_figure_re(classifier)
        return next((strip_markup(s).strip() for s in self.sentences(clause_id) if pattern.search(s)), "")

    def states_year(self, clause_id: str, sentence: str, title: str, year: int) -> bool:
        """Whether a sentence speaks of ``year``: written in it or in the title (or the five-year period ending then:
        十四五 for 2025, :func:`search.question.names_year`), or the last year the clause names before it ("到2025年，形成…。燃料电池车辆保有量约5万辆" — the goals listed under 到2025年), or,
        when neither the sentence nor the clause before it names a year, the last year of the nearest enclosing
        heading that names one (a stage "巩固提升阶段（2022年6月至2022年12月）" frames its items' goals)."""
        if names_year(sentence + title, year):
            return True
        clause = self.model.clauses[clause_id]
        text = clause.text or ""
        before = text[: max(text.find(sentence[:20]), 0)]
        years = RE_STATED_YEAR.findall(before)
        if years or RE_STATED_YEAR.search(sentence):
            return bool(years) and int(years[-1]) == year
        parent = self.model.clauses.get(clause.parent_id or "")
        while parent is not None:
            stage = RE_STATED_YEAR.findall(parent.heading or "")
            if stage:
                return int(stage[-1]) == year
            parent = self.model.clauses.get(parent.parent_id or "")
        return False

    def not_found(self, frame: QuestionFrame, what: str = WHAT_RULES) -> Answer:
        """"Not found", naming the region and the question's content terms (never a function word such as 牵头)."""
        place = NOT_FOUND_PLACE.format(region=frame.region) if frame.region else ""
        terms = [u[0][0] for u in self.ranker.term_units(frame)]
        about = NOT_FOUND_ABOUT.format(terms=" ".join(terms)) if terms else ""
        return Answer(frame.question, frame.intent, False, NOT_FOUND.format(place=place, about=about, what=what))

    # ------------------------------------------------------------------------- lead / responsible agencies
    def plan_named(self, frame: QuestionFrame) -> str | None:
        """The plan a question asks about as a whole ("武汉市绿色低碳循环发展经济体系由哪个部门牵头？").

        The question's content bigrams lie (≥ :data:`PLAN_TITLE_SHARE`) inside one document title of
        the scope, more than inside any clause heading of it.
        """
        m = self.model
        if frame.doc_ids and len(frame.doc_ids) == 1 and not self.ranker.term_units(frame):
            return frame.doc_ids[0]  # the question named the plan and nothing else
        q_bg = bigrams(frame.core or "") - GENERIC_BIGRAMS
        if len(q_bg) < 4:
            return None
        best: tuple[float, str] | None = None
        for doc_id in m.scope_docs(frame):
            title_bg = bigrams(m.docs[doc_id].title)
            share = len(q_bg & title_bg) / len(q_bg)
            if share >= PLAN_TITLE_SHARE and (best is None or share > best[0]):
                best = (share, doc_id)
        if best is None:
            return None
        heading_share = max(
            (len(q_bg & m.heading_bg.get(c.clause_id, set())) / len(q_bg) for c in m.by_doc.get(best[1], [])),
            default=0.0,
        )
        return best[1] if best[0] > heading_share else None

    def plan(self, frame: QuestionFrame, doc_id: str) -> Answer:
        """A plan-level answer: who issued the plan and which agencies lead its measures, grouped."""
        m = self.model
        doc = m.docs[doc_id]
        leads: dict[str, list[str]] = {}
        region_of: dict[str, str] = {}
        how_of: dict[str, tuple[str, float | None]] = {}  # from the first clause it leads
        evidence_ids: list[str] = []
        for c in m.by_doc.get(doc_id, []):
            for ar in m.responsibilities(c.clause_id):
                if ar.responsibility.role == "lead":
                    leads.setdefault(ar.agency.name, [])
                    if c.heading and c.heading not in leads[ar.agency.name]:
                        leads[ar.agency.name].append(c.heading)
                    region_of[ar.agency.name] = ar.agency.region
                    how_of.setdefault(ar.agency.name, responsibility_how(ar.responsibility))
                    if c.clause_id not in evidence_ids:
                        evidence_ids.append(c.clause_id)
        label = PLAN_LABEL.format(title=doc.title or doc_id)
        issued = PLAN_ISSUED.format(issuer=doc.issuer) if doc.issuer else PLAN_ISSUER_UNKNOWN
        if not leads:
            organised = self.organising_actors(doc_id)
            if organised is not None:
                clause_id, actors, sentence = organised
                heading = m.clauses[clause_id].heading or m.clauses[clause_id].path
                parts = "，".join(_role_parts(actors, implementing=True))
                text = PLAN_ORGANISED.format(label=label, issued=issued, heading=heading, sentence=sentence, parts=parts)
                return Answer(frame.question, frame.intent, True, text, tuple(actors), (), (self.evidence(clause_id, 1.0),))
            text = PLAN_NO_LEADS.format(label=label, issued=issued)
            evidence = tuple(self.evidence(c.clause_id, 1.0) for c in m.by_doc.get(doc_id, [])[:1])
            return Answer(frame.question, frame.intent, True, text, (), (), evidence)
        ranked = sorted(leads.items(), key=lambda kv: -len(kv[1]))
        groups = "；".join(
            PLAN_LEAD_GROUP.format(name=name, n=len(h), headings="、".join(h[:3]), more=PLAN_MORE if len(h) > 3 else "")
            for name, h in ranked[:8]
        )
        text = PLAN_LEADS.format(label=label, issued=issued, groups=groups)
        agencies = tuple(
            AnswerAgency(name, "lead", region_of.get(name, ""), *how_of.get(name, ("", None))) for name, _ in ranked
        )
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(self.evidence(cid, 1.0) for cid in evidence_ids[:3]))

    def issuers(self, frame: QuestionFrame, doc_id: str) -> Answer:
        """Who issued a document: its issuers as read from its head or signature, the first listed leading."""
        doc = self.model.docs[doc_id]
        names = issuer_names(doc.issuer)
        agencies = tuple(AnswerAgency(n, "lead" if i == 0 else "co", doc.region, "issuer") for i, n in enumerate(names))
        text = PLAN_ISSUED_BY.format(label=PLAN_LABEL.format(title=doc.title or doc_id), issuers="、".join(names))
        first = self.model.by_doc.get(doc_id, [])[:1]
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(self.evidence(c.clause_id, 1.0) for c in first))

    def agencies(self, frame: QuestionFrame) -> Answer:
        """Which agencies lead / are responsible for the measure asked about (or the plan named)."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame)
        if ISSUER_QUESTION_RE.search(normalise(frame.question)):
            # the question names the document and asks nothing else of it ("公共机构…技术目录由哪些部门编制" asks who
            # compiles a catalogue, a measure, though its words hold a plan's title)
            asked = replace(frame, core=ISSUING_VERBS_RE.sub(" ", frame.core or frame.keywords or ""))
            named = frame.doc_ids[0] if len(frame.doc_ids) == 1 and not ranker.term_units(asked) else self.plan_named(frame)
            if named is not None and m.docs[named].issuer:
                return self.issuers(frame, named)
        plan = self.plan_named(frame) if frame.intent == "lead_agency" else None
        if plan is not None:
            return self.plan(frame, plan)
        ranked = ranker.rank_clauses(frame, docs, prefer="agencies")
        if (within := self.within_attachment(frame, ranked, "agencies")) is not None:
            frame, ranked = within
        def answers(s: ScoredClause) -> bool:
            return ranker.answerable(s, frame.referenced) or self.sentence_vouches(frame, s)

        answered = bool(ranked) and answers(ranked[0])
        if ranked and not answered:
            # the first clause the refusal model does not trust: one just below it that it trusts answers, as for a target
            # (产业园区 47 三（二）: the words of its sentence, ranked second under a clause the model doubts)
            ranked = ranker.trusted_first(ranked, TRUSTED_TOP)
            answered = answers(ranked[0])
        if not answered:
            return self.not_found(frame)
        best = ranked[0]
        weak = "" if ranker.confident(best) else WEAK_MATCH
        if frame.region is None and len({m.clauses[s.clause_id].doc_id for s in ranked[:5]}) > 1:
            multi = self.agencies_per_doc(frame, ranked)
            if multi is not None:
                return multi
        if IN_CHARGE_ASKED_RE.search(normalise(frame.question)) and not IN_CHARGE_STATED_RE.search(m.plain.get(best.clause_id, "")):
            # the body in charge is what the clause saying who is in charge names, when one of the next clauses of the
            # best one's document says it and names it
            doc = m.clauses[best.clause_id].doc_id
            best = next((
                s for s in ranked[1:CONTACT_LOOKAHEAD]
                if m.clauses[s.clause_id].doc_id == doc and ranker.addresses(frame, [s.clause_id])
                and IN_CHARGE_STATED_RE.search(m.plain.get(s.clause_id, ""))
                and answer_agencies(m.effective_responsibilities(s.clause_id)[0])
            ), best)
        roles, how = m.effective_responsibilities(best.clause_id)
        if CONTACT_QUESTION_RE.search(normalise(frame.question)):
            # whom to consult or send material to: the divisions the clause names for that (ingest.contacts) — or, when
            # the best clause names nobody, those of the next clause of its document, in rank order, that names them
            # ("受理机关：…" below "受理时间")
            doc = m.clauses[best.clause_id].doc_id
            named = [best] if roles else [
                best, *(s for s in ranked[1:CONTACT_LOOKAHEAD] if m.clauses[s.clause_id].doc_id == doc)
            ]
            found = next(((s, contacts) for s in named if (contacts := m.contacts(s.clause_id))), None)
            if found is None:
                found = self.contact_line_asked(frame, ranked)
            if found is not None:
                (best, roles), how = found, "own"
        if how == "children" and self.asked_in_own_text(frame, best.clause_id):
            # the measure asked is in the clause's own paragraphs, not in the sub-items that name bodies (南平 465 第四章第四节:
            # its noise paragraph names nobody; its 专栏's projects name eight bodies): they are said as its other items'
            other_items = [a.name for a in answer_agencies(roles)]
            roles, how = [], "none"
        else:
            other_items = []
        unnamed = ""
        if not answer_agencies(roles):
            # several plans of the scope speak of the measure about equally well and the best-matching
            # one names no agency: the one that does answers, and the other's silence is said
            named = self.named_in_another_plan(ranked)
            if named is not None:
                unnamed = ALSO_UNNAMED.format(label=self.doc_label(best.clause_id))
                best, roles, how = named
        # the bodies the clause names for its other measures, when none is left for the one asked about
        if how == "own":
            scoped = ranker.scope_to_annotated_span(best.clause_id, roles, frame)
            if roles and not answer_agencies(scoped):
                other_items = [a.name for a in answer_agencies(roles)]
            roles = scoped
        as_stated = answer_agencies(roles)
        agencies = in_charge_when_alone(as_stated)
        evidence = [self.evidence(best.clause_id, best.score)]
        # other clauses that match almost as well are listed too (several matching clauses)
        for s in ranked[1:]:
            if len(evidence) >= 3:
                break
            if s.probability >= 0.8 * best.probability and ranker.answerable(s):
                evidence.append(self.evidence(s.clause_id, s.score))
        c = m.clauses[best.clause_id]
        label = self.doc_label(best.clause_id)
        subject = SUBJECT.format(heading=c.heading) if c.heading else ""
        if not agencies and not m.unreadable_annotation(best.clause_id):
            read = self.actors_of_asked_sentence(frame, best.clause_id) or self.actors_of_lead_in(best.clause_id)
            if read is not None:
                actors, sentence = read
                parts = _role_parts(actors, implementing=True)
                text = ACTORS_ANSWER.format(label=label, subject=subject, sentence=sentence, parts="，".join(parts)) + weak
                return Answer(frame.question, frame.intent, True, text, tuple(actors), (), tuple(evidence))
        if not agencies:
            if other_items:
                sentence = OTHER_ITEM_AGENCY_SENTENCE.format(names="、".join(dict.fromkeys(other_items)))
            else:
                sentence = self.no_agency(best.clause_id)
            text = NO_AGENCY_ANSWER.format(label=label, subject=subject, sentence=sentence) + weak
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(evidence))
        parts = _role_parts(as_stated, implementing=True)  # (the text says how the clause puts it: "…负责落实")
        if all(ar.responsibility.source == "contact" for ar in roles):
            parts = [CONTACT_PART.format(names="、".join(a.name for a in agencies))]
        note = HOW_NOTES.get(how, "")
        text = AGENCIES_ANSWER.format(label=label, subject=subject, note=note, parts="，".join(parts)) + unnamed + weak
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    def named_in_another_plan(
        self, ranked: list[ScoredClause]
    ) -> tuple[ScoredClause, list[AgencyRole], str] | None:
        """The best clause of another document that matches about as well as the first (its probability
        within :data:`SAME_MATCH_SHARE`, and at least as many of the question's terms) and names agencies,
        with its effective responsibilities."""
        m, best = self.model, ranked[0]
        best_doc = m.clauses[best.clause_id].doc_id
        for s in ranked[1:30]:
            if s.probability < SAME_MATCH_SHARE * best.probability or not self.ranker.answerable(s):
                continue
            if s.term_coverage < best.term_coverage or m.clauses[s.clause_id].doc_id == best_doc:
                continue
            roles, how = m.effective_responsibilities(s.clause_id)
            if answer_agencies(roles):
                return s, roles, how
        return None

    def contact_line_asked(
        self, frame: QuestionFrame, ranked: list[ScoredClause]
    ) -> tuple[ScoredClause, list[AgencyRole]] | None:
        """The contact line of the best-ranked documents whose matter the question names ("政策咨询由市科技局哪个处室负责"
        and the notice's "政策咨询：市科技局社会发展与农村科技处…"), when the clauses ranked first name no contact: the line
        whose matter (its words without the division's name) shares the most bigrams with the question, at least
        :data:`MIN_CONTACT_MATTER` and more than any other line; None otherwise."""
        m = self.model
        docs = list(dict.fromkeys(m.clauses[s.clause_id].doc_id for s in ranked[:CONTACT_LOOKAHEAD]))[:CONTACT_DOCS]
        asked = bigrams(normalise(frame.question))
        scored: list[tuple[int, str, list[AgencyRole]]] = []
        for doc in docs:
            for c in m.by_doc.get(doc, []):
                contacts = m.contacts(c.clause_id)
                if not contacts:
                    continue
                matter = " ".join(ar.responsibility.evidence for ar in contacts)
                for ar in contacts:
                    own = ar.agency.name[len(ar.agency.region):] if ar.agency.region else ar.agency.name
                    matter = matter.replace(own, " ")
                scored.append((len(asked & bigrams(normalise(matter))), c.clause_id, contacts))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][0] < MIN_CONTACT_MATTER or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        _n, clause_id, contacts = scored[0]
        scored_clause = next((s for s in ranked if s.clause_id == clause_id), None)
        if scored_clause is None:
            scored_clause = ScoredClause(clause_id=clause_id, score=ranked[-1].score if ranked else 0.0)
        return scored_clause, contacts

    def actors_of_asked_sentence(self, frame: QuestionFrame, clause_id: str) -> tuple[list[AnswerAgency], str] | None:
        """The departments the clause's sentence that the question asks about writes as its actor
        (:func:`ingest.responsibility.sentence_actors`), qualified with the document's region, and that sentence; None
        when no sentence shares more of the question's bigrams than every other or the one that does names no actor.
        The first listed leads and the rest are co unless they act together (共同 / 分别 …: all lead); lower-level
        bodies carry it out (README "Responsibility conventions")."""
        m = self.model
        clause = m.clauses[clause_id]
        # (the document's own title in the question names the document, not the sentence: "城乡建设领域碳达峰实施方案的组织
        # 领导方面…"; the heading is no sentence of the clause's text)
        asked = bigrams(normalise(frame.core or frame.question)) - bigrams(normalise(m.docs[clause.doc_id].title or ""))
        heading = normalise(clause.heading or "")
        shared = [
            (len(asked & bigrams(normalise(s))), s.strip())
            for s in SENTENCE_SPLIT_RE.split(m.plain.get(clause_id, ""))
            if not (heading and normalise(s.strip()) == heading)
        ]
        most = max((n for n, s in shared if s), default=0)
        region, place = self.doc_place(m.clauses[clause_id].doc_id)
        # the sentences sharing the most: the one of them that writes an actor (none when two do, or none does)
        read = [(s, got) for n, s in shared if s and n == most and (got := sentence_actors(s, place))[0]] if most else []
        if not read and ORGANISING_HEADING_RE.search(clause.heading or "") and asked & bigrams(heading):
            # (a plan's organising clause asked about by what it organises — "…方案的组织实施由哪个部门牵头" — when no
            # sentence of it is asked by more words: who its first sentence naming departments charges, as for the plan)
            read = [first] if (first := self.organising_sentence(clause_id, place)) is not None else []
        if len(read) != 1:
            return None
        sentence, (names, together) = read[0]
        if DEPARTMENT_ASKED_RE.search(frame.question) and all(other_kind_body(n) for n in names):
            return None  # (the sentence charges enterprises or the media; the question asks which department)
        return actor_roles(names, together, region, self.central_issuer(clause.doc_id)), sentence

    def doc_place(self, doc_id: str) -> tuple[str, str]:
        """A document's region and the short name its sentences may write bodies with (三明 of 三明市; none for 全国)."""
        region = self.model.docs[doc_id].region or ""
        return region, (short_name(region) if region and region != "全国" else "")

    def actors_of_lead_in(self, clause_id: str) -> tuple[list[AnswerAgency], str] | None:
        """The departments the clause's parent, a clause that only leads into its items, writes as its actor
        (:func:`search.readmodel.lead_in_actors`), qualified with the document's region, and that sentence; None when it
        names none."""
        m = self.model
        clause = m.clauses[clause_id]
        region, place = self.doc_place(clause.doc_id)
        names, together, sentence = lead_in_actors(m.clauses.get(clause.parent_id or ""), place)
        if not names:
            return None
        return actor_roles(names, together, region, self.central_issuer(clause.doc_id)), sentence

    def within_attachment(
        self, frame: QuestionFrame, ranked: list[ScoredClause], prefer: str
    ) -> tuple[QuestionFrame, list[ScoredClause]] | None:
        """A plan issued as a document's attachment and named by its title ("冶金、建材重点行业…行动方案（2021-2025年）要求
        …", attached to 169 若干意见): when the opening clause (path 附件N) of an attachment of a document of the first
        :data:`ATTACHMENT_LOOKAHEAD` ranked clauses is named by its title, by the rules a document title is named by
        (:func:`search.docref.resolve_reference`) and better than its document's own title, the question without the
        title, ranked within that attachment's clauses only; None otherwise (or when nothing below the opening is left)."""
        m = self.model
        docs = dict.fromkeys(m.clauses[s.clause_id].doc_id for s in ranked[:ATTACHMENT_LOOKAHEAD])
        roots = {
            c.clause_id: title
            for doc in docs
            for c in m.by_doc.get(doc, [])
            if ATTACHMENT_PATH_RE.match(c.path or "") and (title := attachment_title(c.text or ""))
        }
        # (and the plans a document bundles, each after its own preamble: their clauses follow it, not under a path)
        parts = {root: part for doc in docs for root, part in m.bundled_plans(doc).items()}
        roots |= {root: title for root, (title, _members) in parts.items()}
        if not roots:
            return None

        def ranked_inside(asked: QuestionFrame, doc: str, root: str) -> list[ScoredClause]:
            # (the document's table rows — kinds "row" and "task", read from its tables wherever they stand — go with it:
            # an attachment's 标杆水平 table is stored as the document's 数据表 rows)
            members = parts[root][1] if root in parts else None
            return [
                s for s in self.ranker.rank_clauses(asked, [doc], prefer=prefer)
                if (s.clause_id in members if members is not None else (
                    s.clause_id != root and s.clause_id.startswith(root)
                    and s.clause_id[len(root)] not in ATTACHMENT_LABEL_GOES_ON
                ))
                or m.clauses[s.clause_id].kind in TABLE_ROW_KINDS
            ]

        # (the documents' own titles compete: "《深圳市近零碳排放区试点建设实施方案》中…" names the plan, not its attached
        # "…建设方案编制指引")
        titles = {**roots, **{m.clauses[r].doc_id: m.doc_titles.get(m.clauses[r].doc_id, "") for r in roots}}
        ref = resolve_reference(frame.question, titles, {}, {}, [w for w in (frame.region, frame.region_mentioned) if w])
        if len(ref.doc_ids) != 1 or ref.doc_ids[0] not in roots:
            # (a bundled plan named by the words that set it apart from its fellows: "福建建材行业这边…")
            root = part_named(frame.question, parts)
            if root is None:
                return None
            doc = m.clauses[root].doc_id
            asked = replace(frame, doc_ids=(doc,), referenced=(doc,))
            inside = ranked_inside(asked, doc, root)
            return (asked, inside) if inside else None
        root = ref.doc_ids[0]
        doc = m.clauses[root].doc_id
        text = unicodedata.normalize("NFKC", frame.question)
        for span in ref.spans:
            # (the document's own title written before the attachment's goes too: "国家关于…若干意见配套的冶金、建材行动方案中")
            at = text.find(span)
            before = WORDS_BEFORE_RE.search(text[:at]) if at > 0 else None
            if before and share_in_title(before.group(0), m.doc_titles.get(doc, "")) >= MIN_TITLE_SHARE:
                text = text[: before.start()] + text[at:]
            text = drop_reference(text, span, [roots[root]])
        stripped = self.parser.parse(text)
        # (named by its title as a document is: its document is the one referred to)
        # (and the years its title writes, "（2021-2025年）", are no year asked)
        asked = replace(
            frame, keywords=stripped.keywords, core=stripped.core, year=stripped.year, base_year=stripped.base_year,
            years=stripped.years, doc_ids=(doc,), referenced=(doc,),
        )
        inside = ranked_inside(asked, doc, root)
        return (asked, inside) if inside else None

    def central_issuer(self, doc_id: str) -> bool:
        """Whether central ministries issued the document: a national document whose issuer is no State Council or
        Party Central body (国务院, 中共中央 and their offices address every level; a ministry's plan speaks of ministries)."""
        doc = self.model.docs.get(doc_id)
        if doc is None or doc.region != "全国":
            return False
        # (the issuer as read from the head or signature, else the body the title opens with: "国家发展改革委等部门关于…")
        opener = (doc.title or "").split("关于", 1)[0] if "关于" in (doc.title or "") else ""
        issuer = doc.issuer or (opener if CENTRAL_BODY_END_RE.search(opener) else "")
        return bool(issuer) and not STATE_COUNCIL_ISSUER_RE.search(issuer)

    def organising_actors(self, doc_id: str) -> tuple[str, list[AnswerAgency], str] | None:
        """The bodies a plan's organising clause (its heading :data:`ORGANISING_HEADING_RE`: 加强组织领导, 组织实施 …)
        writes as the actor of its first sentence that names departments, with their roles (:func:`actor_roles`), the
        clause and that sentence: who carries a plan whose measures name no lead ("在碳达峰碳中和工作领导小组领导下，住房和
        城乡建设部、国家发展改革委等部门加强协作"); None when no such clause names one."""
        m = self.model
        region, place = self.doc_place(doc_id)
        for c in m.by_doc.get(doc_id, []):
            if not ORGANISING_HEADING_RE.search(c.heading or ""):
                continue
            if (first := self.organising_sentence(c.clause_id, place)) is not None:
                sentence, (names, together) = first
                return c.clause_id, actor_roles(names, together, region, self.central_issuer(doc_id)), sentence
        return None

    def organising_sentence(self, clause_id: str, place: str) -> tuple[str, tuple[list[str], bool]] | None:
        """The first sentence of an organising clause that writes departments (not bodies of another kind only) as its
        actor, with them (:func:`ingest.responsibility.sentence_actors`); None when none does."""
        for sentence in SENTENCE_SPLIT_RE.split(self.model.plain.get(clause_id, "")):
            names, together = sentence_actors(sentence.strip(), place)
            if names and not all(other_kind_body(n) for n in names):
                return sentence.strip(), (names, together)
        return None

    def no_agency(self, clause_id: str) -> str:
        """What to say of a clause with no agency read: its unreadable annotation, the departments its text mentions and
        the governments it charges as a sentence's subject (quoted, never asserted), or that it names none
        (:func:`search.answer.no_agency_sentence`)."""
        text = self.model.plain.get(clause_id, "")
        # (a government charged as a sentence's subject is mentioned too: "市政府将不定期派出督查组" is no clause naming none)
        # (… and departments named by their field or function: "交通运输部门负责监测取证" is no clause naming none)
        mentioned = list(dict.fromkeys(bodies_mentioned(text) + field_bodies_mentioned(text) + governments_charged(text)))
        return no_agency_sentence(self.model.unreadable_annotation(clause_id), mentioned[:MAX_BODY_MENTIONS])

    def agency_sentence(self, clause_id: str, frame: QuestionFrame | None = None) -> tuple[str, list[AnswerAgency]]:
        """One document's part of a per-document agency answer, and its agencies — narrowed, as a single answer is, to
        the measure ``frame`` asks about when the clause names bodies for several."""
        roles, how = self.model.effective_responsibilities(clause_id)
        if how == "own" and frame is not None:
            roles = self.ranker.scope_to_annotated_span(clause_id, roles, frame)
        agencies = answer_agencies(roles)
        c = self.model.clauses[clause_id]
        label = self.doc_label(clause_id) + (SUBJECT.format(heading=c.heading) if c.heading else "")
        if not agencies:
            sentence = self.no_agency(clause_id)
            return NO_AGENCY_SENTENCE.format(label=label, sentence=sentence), []
        parts = _role_parts(agencies, implementing=False)
        note = HOW_NOTES.get(how, "")
        return AGENCY_SENTENCE.format(label=label, note=note, parts="，".join(parts)), agencies

    def agencies_per_doc(self, frame: QuestionFrame, ranked: list[ScoredClause]) -> Answer | None:
        """No region named and several documents match about equally: one answer per document."""
        best = ranked[0]
        per_doc: dict[str, ScoredClause] = {}
        for s in ranked[:30]:
            doc = self.model.clauses[s.clause_id].doc_id
            if doc not in per_doc and s.probability >= SAME_MATCH_SHARE * best.probability and self.ranker.answerable(s):
                per_doc[doc] = s
        if len(per_doc) < 2:
            return None
        sentences, agencies, evidence = [], [], []
        for s in per_doc.values():
            sentence, ags = self.agency_sentence(s.clause_id, frame)
            sentences.append(sentence)
            agencies.extend(a for a in ags if a not in agencies)
            evidence.append(self.evidence(s.clause_id, s.score))
        text = PER_DOC_ANSWER.format(n=len(per_doc), sentences="；".join(sentences))
        return Answer(frame.question, frame.intent, True, text, tuple(agencies), (), tuple(evidence))

    # ------------------------------------------------------------------------- targets
    def target(self, frame: QuestionFrame) -> Answer:
        """The quantified target asked about (indicator, value, year), quoted from its clause."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame)
        if frame.year is not None and docs and all(0 < m.doc_horizon(d) < frame.year for d in docs):
            # a 2030 target asked of plans that stop at 2025: the documents do not say
            return self.not_found(frame, WHAT_TARGETS)
        ranked = ranker.rank_clauses(frame, docs, prefer="targets")
        if (within := self.within_attachment(frame, ranked, "targets")) is not None:
            frame, ranked = within
        if EFFECTIVE_ASKED_RE.search(normalise(frame.question)) and (dated := self.effective_date(frame, ranked)):
            return dated
        # the preference for clauses with recorded targets may rank one of them above the clause the refusal model trusts
        # (a clause of 天津 341's targets above its "原始记录和管理台账应当至少保存5年"): the first of the first few that
        # clears the threshold answers, ahead of those above it
        ranked = ranker.trusted_first(ranked, TRUSTED_TOP)
        confident = (
            bool(ranked)
            and ranked[0].probability >= ranker.weights.min_probability
            and ranker.addresses(frame, [s.clause_id for s in ranked[:3]])
        )
        units = ranker.term_units(frame)
        candidates = self.target_candidates(frame, ranked)
        vouched = not confident and not (frame.referenced and ranked and ranker.answerable(ranked[0], frame.referenced))
        if vouched:
            # below the refusal threshold only the figures that vouch for themselves answer (or nothing does; the sentence
            # answers below quote answerable clauses only)
            candidates = self.vouching_figures(units, candidates)
            if not candidates:
                return self.not_found(frame, WHAT_TARGETS)
        counted = asked_figure(frame.question)
        # in a data table's row a figure means what its column's label says: the cell (its label and value) holding more
        # of the question's terms answers before a figure recorded from the row's words (典型项目节能量（年）：1229tce, not
        # the 桥隧比 50% of the 应用规模 cell)
        row_recorded = max((f["coverage"] for f, _pos, t, _s in candidates if t.clause_id == ranked[0].clause_id), default=0.0)
        if not vouched and (
            cell := self.row_cell_answer(frame, ranked[0], units, beat=row_recorded, weak=not confident, kind=counted)
        ):
            return cell
        if not candidates:
            # no recorded target near the top: the sentence stating a figure (of the kind the question names: a time
            # limit, a day, money) with the question's terms and year is quoted, as when recorded targets do not answer
            if quoted := self.sentence_answer(frame, ranked, units, weak=not confident):
                return quoted
            best = ranked[0]
            return self.quoted(frame, best, self.best_sentence(best.clause_id, frame), weak=not confident)
        coverage = {t.target_id: f["coverage"] for f, _pos, t, _s in candidates}
        weights = self.target_weights
        scored = [(weights.score(f), pos, t, s) for f, pos, t, s in candidates]
        scored.sort(key=lambda x: (-x[0], x[1], x[2].target_id))
        # a target only answers when its own wording covers the question (the indicator table may
        # map "配建充电设施比例" to 充电桩, but the 充电桩 count does not answer a ratio question)
        scored = [x for x in scored if coverage[x[2].target_id] >= self.min_figure_coverage]
        if counted is not None:
            # "一共多少家": a count in that classifier answers, a percentage of the same clause does not
            scored = [x for x in scored if counted.search(f"{x[2].value}{x[2].unit or ''}")]
        if not scored:
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            return stated or self.not_found(frame, WHAT_TARGETS)
        # the numbers the question quotes name the measure ("500千伏公用变电站", "65蒸吨以下锅炉"): when no recorded target's
        # sentence states them, a sentence of the best clauses that states them and a figure answers
        # (a four-digit year is no such number: "包林草发[2021]23号" names a document)
        quoted = [n for n in quoted_numbers(frame.question) if not re.fullmatch(r"(?:19|20)\d{2}", n)]
        if quoted and not any(all(states_number(x[2].sentence, n) for n in quoted) for x in scored):
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            if stated is not None and all(states_number(stated.answer, n) for n in quoted):
                return stated
        best_t, best_sc = scored[0][2], scored[0][3]
        top_clause = ranked[0]
        if best_sc.clause_id != top_clause.clause_id:
            # the best clause holds a figure the target extractor did not record ("恢复退化湿地面积9.6万亩",
            # "第一批次配额按照…排放量的50%确定", "按机组2018年度供电量的70%"): when its figure sentence speaks of more of
            # the question's terms than the chosen target's own wording and its own recorded targets, another
            # target does not stand in for it
            top_figures = self.figure_coverage(frame, top_clause.clause_id, units)
            recorded_top = max((coverage[x[2].target_id] for x in scored if x[2].clause_id == top_clause.clause_id), default=0.0)
            # (a target for the asked year is not set aside for figures that state no year at all: "森林蓄积量3.47亿立方米"
            # in the plan's review is no answer to "到2025年…森林蓄积量要达到多少", its indicator table's 3.81 is)
            dated = frame.year is not None and best_t.target_year == frame.year and not any(
                str(frame.year) in x for x in self.sentences(top_clause.clause_id) if RE_FIGURE.search(x)
            )
            if top_figures > coverage[best_t.target_id] and top_figures > recorded_top and not dated:
                quoted = self.sentence_answer(frame, [top_clause], units, weak=not confident, depth=None)
                if quoted is not None and not bound_kept(frame.question, best_t.sentence, quoted.answer):
                    return quoted
        else:
            # … and in the chosen target's own clause: a sentence stating a figure the extractor did not record holds more of
            # the question's terms than every recorded target's wording ("到2025年，全省压采地下水10.74亿立方米" beside the
            # recorded "农业高效节水灌溉可节约水量3.45亿立方米，其中压采地下水1.51亿立方米": 全省 asks the first)
            recorded_here = max(coverage[x[2].target_id] for x in scored if x[2].clause_id == best_t.clause_id)
            if self.figure_coverage(frame, best_t.clause_id, units) > recorded_here + 1e-9:
                quoted = self.sentence_answer(frame, [best_sc], units, weak=not confident, depth=None)
                if (
                    quoted is not None
                    and not any(t.value in quoted.answer for t in m.targets_by_clause.get(best_t.clause_id, []))
                    and not bound_kept(frame.question, best_t.sentence, quoted.answer)
                ):
                    return quoted
        # the chosen clause's targets, best-matching first; keep those close to the best
        same = [x for x in scored if x[2].clause_id == best_t.clause_id]
        top = same[0][0]
        chosen = [x[2] for x in same if x[0] >= top - 0.35 and coverage[x[2].target_id] >= self.min_figure_coverage][:6]
        if frame.year is not None and best_t.target_year != frame.year:
            # "2030年…比重目标": the same indicator's target for the asked year, stated in the same clause
            # ("到2025年…达60%左右 … 到2030年…达66%左右"), answers instead of another year's
            asked_year = [
                t for t in m.targets_by_clause.get(best_t.clause_id, [])
                if t.target_year == frame.year and t.indicator and t.indicator == best_t.indicator
            ]
            if asked_year:
                best_t, chosen = asked_year[0], asked_year[:1]
        if (
            frame.year is not None
            and len(frame.years) == 1
            and best_t.target_year is not None
            and best_t.target_year != frame.year
            and str(frame.year) not in m.doc_titles.get(m.clauses[best_t.clause_id].doc_id, "")
        ):
            # a figure set for another year is no answer to the one year asked ("2030年燃料电池车辆保有量" — the plan's
            # "到2025年…燃料电池车辆保有量约5万辆"): a sentence stating the asked year answers, or none does (a year the
            # document's title holds names its edition, not the figure's year: "天津2021年配额分配中…控排系数")
            stated = self.sentence_answer(frame, ranked, units, weak=not confident)
            return stated or self.not_found(frame, WHAT_TARGETS)
        targets = tuple(
            AnswerTarget(t.indicator, t.value, t.unit, t.target_year, t.region, t.qualifier, t.base_year, t.clause_id)
            for t in chosen
        )
        evidence = [self.evidence(best_t.clause_id, best_sc.score)]
        for x in scored[1:]:
            if len(evidence) >= 3:
                break
            if x[2].clause_id not in {e.clause_id for e in evidence} and x[0] >= scored[0][0] - 0.3:
                evidence.append(self.evidence(x[2].clause_id, x[3].score))
        bits = [target_item(t) for t in chosen]
        year = TARGET_YEAR.format(year=best_t.target_year) if best_t.target_year else ""
        sentence = strip_markup(best_t.sentence).strip()
        text = TARGET_ANSWER.format(label=self.doc_label(best_t.clause_id), year=year, targets="；".join(bits))
        if sentence:
            text += TARGET_QUOTE.format(sentence=sentence)
        if not confident:
            text += WEAK_MATCH
        return Answer(frame.question, frame.intent, True, text, (), targets, tuple(evidence))

    def asked_in_own_text(self, frame: QuestionFrame, clause_id: str) -> bool:
        """Whether a clause of several paragraphs of its own (measures of its own, not one sentence introducing its items:
        "对建设充电设施项目的，…给予一次性建设补贴" over its 具体扶持标准) holds more of the question's terms in them (IDF
        share, with its heading path) than any of its sub-items does (each read with its own headings): the measure asked
        is the clause's own, not a sub-item's."""
        units = self.ranker.term_units(frame)
        m = self.model
        c = m.clauses[clause_id]
        paragraphs = [p for p in c.text.split("\n") if p.strip() and p.strip() != (c.heading or "").strip()]
        if not units or len(paragraphs) < OWN_MEASURES_MIN_PARAGRAPHS:
            return False
        own = text_coverage(c.text + self.framing_words(clause_id), units)
        below: list[Clause] = list(m.children.get(clause_id, []))
        best_below = 0.0
        while below:
            child = below.pop()
            best_below = max(best_below, text_coverage(child.text + self.framing_words(child.clause_id), units))
            below.extend(m.children.get(child.clause_id, []))
        return own > best_below

    def vouching_figures(
        self,
        units: list[tuple[tuple[str, ...], float]],
        candidates: list[tuple[dict[str, float], int, Target, ScoredClause]],
    ) -> list[tuple[dict[str, float], int, Target, ScoredClause]]:
        """The recorded figures of the best few clauses (``UNSURE_FIGURE_DEPTH``) that speak of the question so fully (their
        wording, heading path and title holding the fitted share of the question's terms) that they answer though the
        refusal model is unsure of the clauses ("南京江北新区到2025年餐厨垃圾处理率" — "…餐厨垃圾处理率达90%" in a clause of
        many measures); none without a floor, or for a question without terms (``units``, the question's: any wording
        covers none). (A sentence stating an unrecorded figure was tried as well and changed no development answer.)"""
        floor = self.unsure_figure_coverage
        if floor is None or not units:
            return []
        return [x for x in candidates if x[1] < UNSURE_FIGURE_DEPTH and x[0]["coverage"] >= floor]

    def sentence_vouches(self, frame: QuestionFrame, best: ScoredClause) -> bool:
        """Whether one sentence of the best clause, read with its heading path and document title, holds the fitted share
        of the question's terms, so that the clause answers though the refusal model is unsure of it (a long clause of
        many measures: "西安每年建设绿道不少于100公里" in a section on green city building)."""
        floor = self.unsure_sentence_coverage
        units = self.ranker.term_units(frame)
        if floor is None or not units:  # (a question without terms is covered by any sentence)
            return False
        covered = self.sentence_coverage(best.clause_id, units)
        return covered is not None and covered >= floor

    def effective_date(self, frame: QuestionFrame, ranked: list[ScoredClause]) -> Answer | None:
        """The sentence of the one document the question names that says from which day it takes effect ("本办法自
        2022年1月1日起施行", "《方案》从2022年4月1日起实施"), quoted; None when the question names no single document or
        it states no such day."""
        if len(frame.referenced) != 1:
            return None
        scores = {s.clause_id: s for s in ranked}
        for c in self.model.by_doc.get(frame.referenced[0], []):
            for sentence in self.sentences(c.clause_id):
                if EFFECTIVE_DATE_RE.search(normalise(sentence).strip()):
                    s = scores.get(c.clause_id) or ScoredClause(c.clause_id, 0.0)
                    return self.quoted(frame, s, strip_markup(sentence).strip())
        return None

    def target_candidates(
        self, frame: QuestionFrame, ranked: list[ScoredClause], depth: int = 15
    ) -> list[tuple[dict[str, float], int, Target, ScoredClause]]:
        """The targets of the best ``depth`` clauses with their target-choice features (and clause rank)."""
        m = self.model
        q_bg = bigrams(frame.keywords or frame.question) - GENERIC_BIGRAMS
        top_probability = (ranked[0].probability or 1.0) if ranked else 1.0
        units = self.ranker.term_units(frame)
        out: list[tuple[dict[str, float], int, Target, ScoredClause]] = []
        for pos, s in enumerate(ranked[:depth]):
            for t in m.targets_by_clause.get(s.clause_id, []):
                f = target_features(t, frame, q_bg, s.probability / top_probability)
                heading_bg = set() if t.indicator or t.indicator_raw else m.heading_bg.get(s.clause_id, set()) - GENERIC_BIGRAMS
                if heading_bg:
                    # a figure stated alone ("共25家（名单详见附件）。") is named by its clause's heading ("发电行业重点排放单位
                    # 范围"): the heading's words stand for the indicator it does not write
                    f["raw_overlap"] = f["indicator_overlap"] = len(heading_bg & q_bg) / len(heading_bg)
                # the target's own sentence must speak about what is asked
                # (its clause's heading path and the document's title too: "南京江北新区…单位工业增加值能耗" asks the
                # plan the title names)
                f["coverage"] = text_coverage(
                    " ".join((
                        t.sentence, t.indicator_raw, t.indicator, self.headings(s.clause_id),
                        m.doc_titles.get(m.clauses[s.clause_id].doc_id, ""),
                    )),
                    units,
                )
                out.append((f, pos, t, s))
        # a news summary before the plan repeats its figures: the numbered clause is preferred
        numbered = {(t.indicator, t.value) for _f, _p, t, _s in out if m.clauses[t.clause_id].kind != "preamble"}
        for f, _pos, t, _s in out:
            if m.clauses[t.clause_id].kind == "preamble" and (t.indicator, t.value) in numbered:
                f["preamble_repeat"] = 1.0
        return out

    def headings(self, clause_id: str) -> str:
        """The clause's heading after its parents' ("工业能源资源节约和综合利用项目的扶持方向" + "扶持标准"): the words that frame
        every sentence of a sub-clause, as a figure's wording is read."""
        m = self.model
        path: list[str] = []
        seen: set[str] = set()
        c = m.clauses.get(clause_id)
        while c is not None and c.clause_id not in seen:
            seen.add(c.clause_id)
            path.append(c.heading or "")
            c = m.clauses.get(c.parent_id) if c.parent_id else None
        return "".join(reversed(path))

    def framing_words(self, clause_id: str) -> str:
        """The words that frame every sentence of a clause: its heading path (:meth:`headings`) and its document's title."""
        c = self.model.clauses[clause_id]
        return self.headings(clause_id) + self.model.doc_titles.get(c.doc_id, "")

    def sentence_coverage(
        self, clause_id: str, units: list[tuple[tuple[str, ...], float]], stating: re.Pattern[str] | None = None
    ) -> float | None:
        """The most of the question's terms (IDF share, ``units``) a sentence of the clause — one matching ``stating``,
        when given — holds, read with the clause's :meth:`framing_words`; None when no sentence qualifies."""
        frame_words = self.framing_words(clause_id)
        return max(
            (
                text_coverage(strip_markup(x) + frame_words, units)
                for x in self.sentences(clause_id)
                if stating is None or stating.search(x)
            ),
            default=None,
        )

    def figure_coverage(self, frame: QuestionFrame, clause_id: str, units: list[tuple[tuple[str, ...], float]]) -> float:
        """The most of the question's terms (IDF share) a sentence of the clause that states a figure holds, read with
        the clause's heading path (:meth:`headings`) and document title as a target's wording is (0.0: no figure)."""
        return self.sentence_coverage(clause_id, units, RE_FIGURE) or 0.0

    def row_cell_answer(
        self,
        frame: QuestionFrame,
        top: ScoredClause,
        units: list[tuple[tuple[str, ...], float]],
        *,
        beat: float = 0.0,
        weak: bool = False,
        kind: re.Pattern[str] | None = None,
    ) -> Answer | None:
        """In a data table's row (``top`` of kind ``row``), the cell stating a figure that, its label and value read with
        the row's name (and its table's headings) and the document's title, holds most of the question's terms — at least
        ``min_figure_coverage`` of them and more than ``beat`` (the best figure recorded from the row's words):
        quoted as "label：value". Only a figure of the ``kind`` the question asks answers, when it asks one
        (:func:`asked_figure`: "使用寿命能达到多少年" — the 技术内容 cell's "达15年", not the 应用规模 cell's "134座"). None
        for any other clause."""
        c = self.model.clauses[top.clause_id]
        if c.kind != "row":
            return None
        frame_words = self.framing_words(top.clause_id)
        best: tuple[float, str] | None = None
        for cell in row_cells(c.text):
            # (any figure: a count word the question names — "23台公交车" — is the row's, not the asked measure's)
            value = cell.partition("：")[2]
            if not RE_FIGURE.search(value) or (kind is not None and not kind.search(value)):
                continue
            covered = text_coverage(cell + frame_words, units)
            if best is None or covered > best[0]:
                best = (covered, cell)
        if best is None or best[0] < self.min_figure_coverage or best[0] <= beat:
            return None
        return self.quoted(frame, top, best[1], weak=weak)

    def quoted(self, frame: QuestionFrame, s: ScoredClause, sentence: str, *, weak: bool = False) -> Answer:
        """An answer quoting ``sentence`` of the clause ``s`` (its document and number said; ``weak``: the match is said
        to be weak), with that clause as its evidence."""
        text = SENTENCE_ANSWER.format(label=self.doc_label(s.clause_id), sentence=sentence) + (WEAK_MATCH if weak else "")
        return Answer(frame.question, frame.intent, True, text, (), (), (self.evidence(s.clause_id, s.score),))

    def sentence_answer(
        self,
        frame: QuestionFrame,
        ranked: list[ScoredClause],
        units: list[tuple[tuple[str, ...], float]],
        *,
        weak: bool = False,
        depth: int | None = FIGURE_SENTENCE_DEPTH,
    ) -> Answer | None:
        """A figure the target extractor did not record (资金10亿元, 储备能力达到15天): quote its sentence.

        In the best-ranked answerable clause that has one, the sentence that states a figure (in the
        asked counting word, when the question asks one) and holds most of the question's terms
        answers — when it holds at least ``min_figure_coverage`` of them and names the asked year
        (the document's title frames every clause and counts for both). Only the first ``depth`` of ``ranked`` that
        state a figure of the asked kind are read (all of them when None): a clause stating none cannot answer and takes
        no place from one that does (an attachment's title line, "2022年全国节能宣传周和全国低碳日宣传重点", ranked above the
        notice's preamble that says "…宣传周定为6月13日至19日").
        """
        asked = RE_ASKED_COUNT.search(frame.question)
        want = asked_figure(frame.question) or RE_FIGURE
        if depth is not None:
            ranked = [s for s in ranked if any(want.search(x) for x in self.sentences(s.clause_id))][:depth]
        # each clause must clear the refusal thresholds itself (a low-ranked preamble's date "10月16日" is no target);
        # below them only a clause of a document the question names (``weak``: the answer says the match is weak)
        candidates = [s for s in ranked if self.ranker.answerable(s, frame.referenced)]

        own = {s.clause_id: [strip_markup(x).strip() for x in self.sentences(s.clause_id)] for s in candidates}

        def own_sentences(s: ScoredClause) -> list[str]:
            return own[s.clause_id]

        def joined_count(s: ScoredClause) -> list[str]:
            # "…重点排放单位范围 … 共25家": the count may follow the sentence that names the thing
            lead = self.best_sentence(s.clause_id, frame)
            count = self.count_sentence(s.clause_id, asked.group(1)) if asked and not want.search(lead) else ""
            return [f"{lead}{count}"] if count and count not in lead else []

        # a figure of a kind the question names (money, a time limit, a day) is specific enough that the best clause's
        # sentence stating one answers even when its neighbours hold the question's other terms ("方向1、颠覆性技术 …
        # 经费额度：…每项资助额度50万元")
        # — in a document the question names, or when that clause, read with its headings and title, holds enough of the
        # question's terms itself (a clause of the region ranked first for want of a better one, "…涂装类产业集群…2025年底前"
        # for a question on a 调研表's deadline, is none)
        kind_asked = want in (
            MONEY_FIGURE_RE, DURATION_FIGURE_RE, DAY_FIGURE_RE, LATEST_FIGURE_RE, DEADLINE_YEAR_FIGURE_RE, GOAL_YEAR_FIGURE_RE
        ) and bool(candidates) and (
            bool(frame.referenced)
            or text_coverage(
                self.model.clauses[candidates[0].clause_id].text + self.framing_words(candidates[0].clause_id), units
            ) >= self.min_figure_coverage
        )

        # the numbers the question quotes ("年节能量300吨标准煤以上的项目", "7201…攻关项目") name the measure: when a
        # candidate sentence holds them all, only such a sentence answers
        quoted = quoted_numbers(frame.question)
        if quoted and not any(
            all(states_number(x, n) for n in quoted) for sentences in own.values() for x in sentences if want.search(x)
        ):
            quoted = []

        def best_in(s: ScoredClause, sentences: list[str], with_before: bool = False) -> str | None:
            """The sentence of this clause holding most of the question's terms (enough of them; ``with_before``: with
            the sentence before it) and the asked figure and year, or None."""
            c = self.model.clauses[s.clause_id]
            title = self.model.doc_titles.get(c.doc_id, "")
            # (read with the clause's heading path, as :meth:`figure_coverage` reads it: the headings frame every sentence)
            frame_words = self.framing_words(s.clause_id)
            best: tuple[float, float, str] | None = None
            doc_date = "" if ISSUE_DATE_ASKED_RE.search(frame.question) else self.model.docs[c.doc_id].date
            for sentence in sentences:
                if not want.search(sentence) or not all(states_number(sentence, n) for n in quoted):
                    continue
                if want in (DAY_FIGURE_RE, LATEST_FIGURE_RE) and only_the_date(sentence, doc_date):
                    continue  # (the document's own date under its signature is no deadline: "河北省科学技术厅 2021年7月5日")
                if frame.year is not None and not self.states_year(s.clause_id, sentence, title, frame.year):
                    continue
                coverage = text_coverage(sentence + frame_words, units)
                # a target sentence is read with the measure the sentence before it in its paragraph states ("…推进大宗货物运输
                # “公转铁、公转水”。到2025年，全市铁路货运量增长40%以上"): enough with it, ranked by its own words first
                read_on = (
                    text_coverage(sentence_before(c.text, sentence) + sentence + frame_words, units) if with_before else 0.0
                )
                enough = max(coverage, read_on) >= self.min_figure_coverage or (kind_asked and s is candidates[0])
                if enough and (best is None or (coverage, read_on) > best[:2]):
                    best = (coverage, read_on, sentence)
            return best[2] if best else None

        # a sentence stating the figure itself first, in rank order; then a count joined to its subject;
        # the best-ranked clause that states the figure answers
        # (a sentence enough with its own words, in any candidate, before one enough only with the sentence before it)
        for sentences_of, with_before in ((own_sentences, False), (joined_count, False), (own_sentences, True)):
            for s in candidates:
                sentence = best_in(s, sentences_of(s), with_before)
                if sentence is not None:
                    return self.quoted(frame, s, sentence, weak=weak)
        return None

    # ------------------------------------------------------------------------- agency duties
    def duties(self, frame: QuestionFrame) -> Answer:
        """The work an agency leads (else takes part in), one item per clause — or per measure, under its lead phrase,
        where a clause's measures carry their own notes or a prose sentence gives the agency one of them."""
        if frame.agency is None:
            return self.not_found(frame, WHAT_AGENCY)
        # only the documents in scope: those the question names, else every document
        in_scope = set(frame.doc_ids) if frame.doc_ids else None

        def scoped(rows: Iterable[tuple]) -> list[tuple]:
            return [r for r in rows if in_scope is None or r[0].doc_id in in_scope]

        rows = scoped(self.model.clauses_of_agency(frame.agency, role="lead"))
        role_word = ROLE_LEAD_WORD
        if not rows:
            rows = scoped(self.model.clauses_of_agency(frame.agency))
            role_word = ROLE_OTHER_WORD
        if not rows:
            return Answer(frame.question, frame.intent, False, DUTIES_NONE.format(agency=frame.agency))
        # one evidence item per clause; a clause whose parent is also listed is folded into it
        ids = {c.clause_id for c, _r in rows}
        evidence = []
        seen: set[str] = set()
        agency = next((a for a in self.model.agencies if a.name == frame.agency), None)
        own: dict[str, list[Responsibility]] = {}  # clause -> the agency's roles there, as the extraction read them
        for c, r in rows:
            own.setdefault(c.clause_id, []).append(r)
        for c, _r in rows:
            if c.clause_id in seen or (c.parent_id in ids):
                continue
            seen.add(c.clause_id)
            whole = self.evidence(c.clause_id, 1.0)
            # a section whose measures each carry their own note (德州's 规划, a 专栏's projects): the measures whose
            # notes name the agency, each an item under its own lead phrase, rather than the whole section; where prose
            # gives the agency its role, the measures whose text holds that sentence ("四是强化监督检查。市住建局将…")
            mine = measures_named(
                c.text,
                (n for ar in self.model.responsibilities(c.clause_id) for n in self.annotation_notes(ar.responsibility)),
                (n for r in own[c.clause_id] for n in self.annotation_notes(r)),
                (r.evidence for r in own[c.clause_id] if r.source == "prose" and r.evidence),
            )
            if mine:
                evidence.extend(replace(whole, heading=h, text=p) for h, p in mine)
            else:
                evidence.append(whole)
        items = "、".join(DUTY_ITEM.format(heading=e.heading, clause_no=e.clause_no) for e in evidence)
        text = DUTIES_ANSWER.format(agency=frame.agency, role=role_word, n=len(evidence), items=items)
        role = "lead" if role_word == ROLE_LEAD_WORD else "co"
        first = next((r for _c, r in rows if r.role == role), None)  # how the role was read: its first clause
        agencies = (
            AnswerAgency(frame.agency, role, agency.region if agency else "",
                         *(responsibility_how(first) if first is not None else ("", None))),
        )
        return Answer(frame.question, frame.intent, True, text, agencies, (), tuple(evidence))

    # ------------------------------------------------------------------------- similar measures
    def plans_like(
        self,
        frame: QuestionFrame,
        exclude: str | None,
        k: int,
        theme: set[str] | None = None,
        relevance: dict[str, float] | None = None,
    ) -> list[str]:
        """Documents whose titles cover the question's theme ("还有哪些城市出台了绿色建筑创建行动实施方案？").

        A document counts when at least ``min_title_share`` (fitted by ``scripts/fit_similar_plans.py``)
        of the question's content bigrams lie in its title; best share first, at most ``k``; among equal shares and
        levels, the plans whose best clause speaks more of the question (``relevance``: a document's best clause score)
        first ("还有哪些城市的“十四五”生态环境保护规划里也提出建设“无废城市”": the plans that say it).
        """
        relevance = relevance or {}
        # the theme as asked (a title the question quotes is the theme here, not a reference to drop),
        # without the words that made it a similar-measures question (其他城市, 各省市, 可以参考 …)
        q_bg = self.similar_theme(frame) if theme is None else theme
        share_min = self.plan_share
        if len(q_bg) < 4 or share_min is None:
            return []
        # plans of the level the question asks for by its place word first ("还有哪个省…", "其他省区市…": provinces before any
        # city's plan); else, among equal shares, the named plan's level first
        asked = asked_level(frame.question)
        level = asked or (
            self.model.docs[frame.doc_ids[0]].level if len(frame.doc_ids) == 1 and frame.doc_ids[0] in self.model.docs else None
        )
        # a kind asked as alternatives ("制造业绿色低碳转型或绿色制造行动方案"): a title that holds one of them enough
        alternatives = [a for a in self.kind_alternatives(frame) if len(a) >= 3]
        scored = []
        for doc_id, doc in self.model.docs.items():
            if doc_id == exclude:
                continue
            title_bg = bigrams(doc.title)
            share = max([len(q_bg & title_bg) / len(q_bg), *(len(a & title_bg) / len(a) for a in alternatives)])
            if share >= share_min:
                other_level = not self.of_level(doc_id, asked) if asked else doc.level != level
                first = other_level if asked else False
                scored.append((first, -share, other_level, -relevance.get(doc_id, float("-inf")), doc_id))
        return [d for *_order, d in sorted(scored)[:k]]

    def plans_holding_theme(self, frame: QuestionFrame, plans: list[str], theme: set[str] | None = None) -> list[str]:
        """The ``plans`` (in their order) whose titles hold as much of the question's theme (at least four bigrams) as the
        best title does — the plans of that name ("“十四五”生态环境保护规划" with the question's 编制 in no title) — of the
        level the question asks for when it asks one (其他城市, 还有哪些省)."""
        q_bg = self.similar_theme(frame) if theme is None else theme
        if len(q_bg) < 4:
            return []
        level = asked_level(frame.question)
        held = {d: len(q_bg & bigrams(self.model.docs[d].title)) for d in plans if d in self.model.docs}
        best = max(held.values(), default=0)
        return [d for d in plans if d in held and held[d] == best and (level is None or self.of_level(d, level))]

    def of_level(self, doc_id: str, level: str) -> bool:
        """Whether a document is of the level a question asks for; a municipality's (上海市, a province-level city) is
        a city's too ("还有哪些城市出台了…")."""
        doc = self.model.docs[doc_id]
        return doc.level == level or (level == "city" and doc.level == "provincial" and (doc.region or "").endswith("市"))

    def similar_within(self, frame: QuestionFrame) -> tuple[str, str | None] | None:
        """(the region a similar-measures question keeps to, the place inside it whose document is the reference)
        for "青海省内除了西宁，还有哪个地方…" / "江苏省里其他城市…", else None."""
        if not frame.region or not RE_OTHER_PLACES.search(frame.question):
            return None
        for name in frame.regions_mentioned:
            short = RE_REGION_LEVEL_END.sub("", name)
            forms = {name, short} if len(short) >= 2 else {name}
            # (never the place set apart: "除了苏州其他城市…" asks beyond 苏州)
            if any(re.search(r"(?<!除)(?<!除了)(?<!除去)" + re.escape(f) + RE_WITHIN_AFTER, frame.question) for f in forms):
                inner = next((r for r in frame.regions_mentioned if r != name and self.model.region_descendant(r, name)), None)
                if inner is None and any(re.search(re.escape(f) + RE_SPOKEN_FROM, frame.question) for f in forms):
                    continue  # "太原这边除了节能减排实施方案，其他省…": a document set apart, not a place inside it
                return name, inner
        return None

    def place_set_apart(self, frame: QuestionFrame) -> str | None:
        """The place a similar-measures question sets apart from the places it asks about ("除了上海，其他地方有没有类似的…",
        "除了成都，还有哪些城市也出台了…") — the question's own region when it is written so — else None."""
        if not frame.region or frame.region == "全国":
            return None
        short = RE_REGION_LEVEL_END.sub("", frame.region)
        forms = sorted({frame.region, short} if len(short) >= 2 else {frame.region}, key=len, reverse=True)
        pattern = r"除(?:了|去)?(?:" + "|".join(map(re.escape, forms)) + r")" + RE_PLACE_SET_APART_AFTER
        return frame.region if re.search(pattern, normalise(frame.question)) else None

    def similar(self, frame: QuestionFrame, k: int = 8) -> Answer:
        """Measures like the one asked about, one per other document (dense similarity + lexical relevance);
        documents whose titles cover the question's theme come first (plans of the same kind). A question that
        keeps to one region ("青海省内除了西宁…") lists only that region's documents."""
        within = self.similar_within(frame)
        if within is None:
            apart = self.place_set_apart(frame)
            if apart is None:
                return self.similar_in(frame, k)
            # "除了上海，其他地方…": the measure is the place's, the others are every other place's documents
            own = set(self.model.scope_docs(replace(frame, region=apart, doc_ids=()), include_sub=True))
            return self.similar_in(frame, k, set(self.model.docs) - own)
        container, inner = within
        allowed = set(self.model.scope_docs(replace(frame, region=container, doc_ids=()), include_sub=True))
        asked = frame
        if inner:  # the place set apart ("除了西宁", "类似南京的") is the reference, its documents none of the others
            asked = replace(frame, region=inner)
            allowed -= set(self.model.scope_docs(replace(frame, region=inner, doc_ids=()), include_sub=True))
        return self.similar_in(asked, k, allowed)

    def similar_in(self, frame: QuestionFrame, k: int = 8, allowed: set[str] | None = None) -> Answer:
        """:meth:`similar` over the documents in ``allowed`` (all when None)."""
        m, ranker = self.model, self.ranker
        k_out, k = k, (k if allowed is None else 40)
        index = ranker.index
        theme = self.similar_theme(frame)
        evidence: list[Evidence] = []
        source_id = None
        if frame.region is not None or frame.doc_ids:
            # the measure asked about stands in the region's plans, or in the document the question names
            # ("国管局印发了2022年公共机构…工作安排，有哪些省份出了类似的…")
            docs = m.scope_docs(frame)
            ranked = ranker.rank_clauses(frame, docs)
            if ranked and ranked[0].probability >= ranker.weights.min_probability:
                source_id = ranked[0].clause_id
                evidence.append(self.evidence(source_id, ranked[0].score))
        hits: list = []
        if source_id is not None:
            exclude = m.clauses[source_id].doc_id
            if index is not None and source_id in index:
                from search.similar import similar_measures

                hits = similar_measures(index, source_id, k=k, exclude_doc=exclude)
            others = [d for d in m.docs if d != exclude]
            lexical = ranker.rank_clauses(frame, others)
            like_source = [h.clause_id for h in hits]
            if index is not None and len(index) and frame.keywords:
                # the question's own words for the measure ("探索推进建筑师负责制试点") beside the whole
                # source clause's meaning: a clause of several measures is similar to many things
                like_words = [h.clause_id for h in index.search(frame.keywords, k=4 * k)
                              if h.clause_id in m.clauses and m.clauses[h.clause_id].doc_id != exclude]
                like_source = [cid for cid, _ in rrf_fuse([like_source, like_words])]
            picked = self.one_per_doc([(cid, 0.0) for cid in like_source], lexical, k, theme, exclude)
        else:
            # a document the question names, though none of its clauses is the measure ("…格式准则规定了…，还有没有别的
            # 文件也是专门管…的"), is the reference all the same: never a document "like" itself
            named = frame.doc_ids[0] if len(frame.doc_ids) == 1 else None
            lexical = ranker.rank_clauses(frame, sorted(d for d in m.docs if d != named))
            dense: list[tuple[str, float]] = []
            if index is not None and len(index):
                try:
                    dense = [(h.clause_id, h.score) for h in index.search(frame.keywords or frame.question, k=40)]
                except Exception:
                    dense = []
            if named is not None:
                dense = [(cid, sc) for cid, sc in dense if cid.split("#", 1)[0] != named]
            picked = self.one_per_doc(dense, lexical, k, theme, named)
        # the document asked about is the reference, never a plan "like" itself
        source_doc = m.clauses[source_id].doc_id if source_id is not None else None
        # (one named document; several equally named are the theme: "还有哪些城市出台了绿色建筑创建行动实施方案")
        asked = set(frame.doc_ids) if len(frame.doc_ids) == 1 else set()
        best_of: dict[str, tuple[str, float]] = {}
        for s in lexical:
            best_of.setdefault(m.clauses[s.clause_id].doc_id, (s.clause_id, s.score))
        relevance = {d: sc for d, (_cid, sc) in best_of.items()}
        every_plan = [d for d in self.plans_like(frame, source_doc, len(m.docs), theme, relevance) if d not in asked]
        plans = every_plan[:k]
        # every plan whose title holds the whole theme ("除了西安，还有哪些城市编制了“十四五”生态环境保护规划": seventeen
        # cities' plans of that name) is listed, of the level asked for, however many: a list of such plans cut at k
        # leaves out plans exactly like those named
        whole = self.plans_holding_theme(frame, every_plan, theme)
        if len(whole) > k and not self.kind_alternatives(frame):
            plans = whole
        if len(frame.referenced) > 1:
            # the plans the question's title words name ("类似…那样的本地节能降碳技术改造方案": 合肥's and 海南's) are
            # plans of the theme, first
            plans = [*frame.referenced, *(d for d in plans if d not in frame.referenced)][: max(k, len(frame.referenced))]
        if plans:
            first = [best_of.get(d) or (m.by_doc.get(d, [None])[0].clause_id, 0.0) for d in plans if m.by_doc.get(d)]
            picked = first + [(cid, sc) for cid, sc in picked if m.clauses[cid].doc_id not in set(plans)]
            picked = picked[: max(k, len(first))]
        if allowed is not None:
            # (the plans of the whole theme among those allowed are listed however many, as without a limit)
            whole_allowed = [d for d in whole if d in allowed]
            if len(whole_allowed) > k_out and not self.kind_alternatives(frame):
                plans = whole_allowed
            else:
                plans = [d for d in plans if d in allowed][:k_out]
            picked = [(cid, sc) for cid, sc in picked if m.clauses[cid].doc_id in allowed][: max(k_out, len(plans))]
        for cid, sc in picked:
            evidence.append(self.evidence(cid, sc))
        if not evidence:
            return self.not_found(frame, WHAT_SIMILAR)
        if plans:
            titles = "、".join(self.plan_label(d) for d in plans)
            text = SIMILAR_PLANS.format(titles=titles)
            more = [e for e in evidence if e.clause_id != source_id and e.clause_id.split("#", 1)[0] not in plans]
            if more:  # measures of the same theme in other kinds of documents
                text += SIMILAR_ANY.format(places="、".join(dict.fromkeys(_place_label(e) for e in more)))
            return Answer(frame.question, frame.intent, True, text, (), (), tuple(evidence))
        others_ev = [e for e in evidence if e.clause_id != source_id]
        places = "、".join(dict.fromkeys(_place_label(e) for e in others_ev))
        if source_id is not None:
            c = m.clauses[source_id]
            template = SIMILAR_TO if c.heading else SIMILAR_TO_UNHEADED
            text = template.format(label=self.doc_label(source_id), heading=c.heading, places=places or SIMILAR_NONE)
        else:
            text = SIMILAR_ANY.format(places=places)
        return Answer(frame.question, frame.intent, bool(others_ev) or source_id is not None, text, (), (), tuple(evidence))

    def similar_candidates(
        self, dense: list[tuple[str, float]], lexical: list[ScoredClause], theme: set[str], source_doc: str | None
    ) -> list[tuple[str, dict[str, float]]]:
        """The candidate clauses of a similar-measures answer with their features (:data:`SIMILAR_FEATURES`): the
        dense neighbours (in their order) and the best 60 of the lexical ranking over the other documents; ``theme``
        is the question's (:meth:`similar_theme`)."""
        m = self.model
        feats: dict[str, dict[str, float]] = {}
        for rank, (cid, _sc) in enumerate(dense):
            feats.setdefault(cid, {})["dense"] = 1.0 / (1 + rank * 0.2)
        for s in lexical[:60]:
            f = feats.setdefault(s.clause_id, {})
            f["heading"], f["coverage"], f["term_coverage"] = s.heading, s.coverage, s.term_coverage
            f["rare_term"] = dict(s.features).get("rare_term", 0.0)
        source = m.docs.get(source_doc) if source_doc else None
        source_type = document_type(source.title) if source else ""
        out = []
        for cid, f in feats.items():
            doc = m.docs.get(m.clauses[cid].doc_id)
            if doc is None:
                continue
            f["title_share"] = len(theme & bigrams(doc.title)) / len(theme) if theme else 0.0
            f["same_type"] = float(bool(source_type) and document_type(doc.title) == source_type)
            f["same_level"] = float(source is not None and doc.level == source.level)
            out.append((cid, f))
        return out

    def similar_theme(self, frame: QuestionFrame) -> set[str]:
        """The content bigrams of a similar-measures question's theme, without the words that made it one."""
        question = normalise(frame.question)
        kind = kind_asked(question)
        # the kind of document asked for, when the question writes it after 类似 ("国家层面出了公共机构…促进碳达峰的
        # 方案，地方上有没有类似的公共机构绿色低碳行动方案"): the document named before is the reference, not the theme —
        # when the kind says enough to compare titles by (a theme of at least 4 bigrams, as plans_like needs)
        if kind and len(RE_NO_CONTENT.sub("", kind.group("kind"))) >= 4:
            kind_theme = self.theme_of(kind.group("kind"))
            if len(kind_theme) >= 4:
                return kind_theme
        return self.theme_of(frame.question)

    def kind_alternatives(self, frame: QuestionFrame) -> list[set[str]]:
        """The themes of a kind asked for as alternatives ("制造业绿色低碳转型或绿色制造行动方案": 制造业绿色低碳转型行动方案,
        绿色制造行动方案 — the type word written once at the end going with each; "林业碳汇方面的行动计划或管理办法": the
        subject written once at the start going with each type); [] when it is one."""
        kind = kind_asked(normalise(frame.question))
        if kind is None or "或" not in kind.group("kind"):
            return []
        parts = [p for p in kind.group("kind").split("或") if p]
        if len(parts) >= 2 and all(RE_TYPE_ONLY.fullmatch(p) for p in parts[1:]) and (head := RE_KIND_TYPE_END.sub("", parts[0])):
            # the alternatives are types of one subject ("林业（林草）碳汇方面的行动计划或管理办法"): the subject written once
            # at the start goes with each type
            return [self.theme_of(parts[0]), *(self.theme_of(head + p) for p in parts[1:])]
        end = RE_KIND_TYPE_END.search(parts[-1]) if parts else None
        tail = end.group(0) if end else ""
        return [self.theme_of(p if p.endswith(tail) else p + tail) for p in parts]

    def theme_of(self, text: str) -> set[str]:
        """The content bigrams of ``text`` as a similar-measures theme (see :meth:`similar_theme`)."""
        # where the question looks and what it calls the places (西北地区, 哪些省市, 市州) and how the plans came about (也编制了,
        # 配套的) are no part of the theme
        for group in groups_named(text):
            for form in group.forms:
                text = text.replace(form, " ")
        # … nor is the body that issued the plan named ("国家发改委等部门出台了…若干意见，有没有省份据此制定了…")
        for body in bodies_mentioned(text):
            if re.search(re.escape(body) + RE_ISSUED_AFTER_BODY.pattern, text):
                text = text.replace(body, " ")  # (a body asked for stays: "还有哪些生态环境部门出台过类似的…")
        text = RE_SIMILAR_FRAMING.sub(" ", text)
        # … nor is a document number the plans were made after ("也按国发〔2021〕4号出台…": 国发, 20, 21, 1号 name no plan)
        # (found in the text as NFKC writes it: "国发（2021）4号" is found as 国发(2021)4号)
        if numbers := find_doc_numbers(text):
            text = unicodedata.normalize("NFKC", text)
            for written, _number in numbers:
                text = text.replace(written, " ")
        theme = self.parser.parse(text).core or ""
        for rule in self.parser.rules:
            if rule.intent == "similar_measures":
                theme = rule.pattern.sub(" ", theme)
        # the content words only: a run the parser left whole ("哪个城市也出台了自己的碳排放权交易管理办法") holds
        # question words whose bigrams no title has; words stay apart (组织|企业|申报 is no 织企 or 业申), but a
        # one-character word goes with the word it is written against ("水" + "生态环境保护")
        theme = normalise(theme).lower()
        words: list[str] = []
        pos, end, glue = 0, -1, ""
        for tok in self.ranker.tokenize(theme):
            at = theme.find(tok, pos)
            if at < 0:
                continue
            if tok in GENERIC_WORDS or not RE_CONTENT.fullmatch(tok):
                # a one-character word after a question word ("哪个" + "省有") goes with neither
                glue = ""
                pos, end = at + len(tok), -1
                continue
            if len(tok) == 1:
                if at == end and words:
                    words[-1] += tok
                    glue = ""
                else:
                    glue = tok
            else:
                words.append((glue if at == end else "") + tok)
                glue = ""
            pos = end = at + len(tok)
        return bigrams(" ".join(words)) - GENERIC_BIGRAMS

    def one_per_doc(
        self,
        dense: list[tuple[str, float]],
        lexical: list[ScoredClause],
        k: int,
        theme: set[str],
        source_doc: str | None = None,
    ) -> list[tuple[str, float]]:
        """Best clause per document by the similar-document score (:class:`search.ranker.SimilarWeights`, fitted by
        ``scripts/fit_similar_ranker.py``), the ``k`` best documents at or above its ``min_score``."""
        weights = self.similar_weights
        best_per_doc: dict[str, tuple[str, float]] = {}
        for cid, features in self.similar_candidates(dense, lexical, theme, source_doc):
            sc = weights.score(features)
            doc = self.model.clauses[cid].doc_id
            if doc not in best_per_doc or sc > best_per_doc[doc][1]:
                best_per_doc[doc] = (cid, sc)
        out = sorted(best_per_doc.values(), key=lambda x: (-x[1], x[0]))
        return [x for x in out if x[1] >= weights.min_score][:k]

    # ------------------------------------------------------------------------- documents / free search
    def documents(self, frame: QuestionFrame) -> Answer:
        """The documents stored for the region asked about (its sub-regions included)."""
        m = self.model
        docs = m.scope_docs(frame, include_sub=True)
        if not docs:
            return self.not_found(frame, WHAT_DOCUMENTS)
        evidence = []
        firsts = m.first_clauses(docs)
        for d in docs:
            doc = m.docs[d]
            first = firsts.get(d)
            evidence.append(
                Evidence(doc.source, doc.title, doc.region, "", doc.doc_number, first.text[:200] if first else "", 1.0)
            )
        titles = "、".join(DOCUMENT_TITLE.format(title=m.docs[d].title) for d in docs)
        return Answer(frame.question, frame.intent, True, DOCUMENTS_ANSWER.format(n=len(docs), titles=titles), (), (), tuple(evidence))

    def search(self, frame: QuestionFrame) -> Answer:
        """The most relevant clauses (up to 5) and the best one's best sentence."""
        m, ranker = self.model, self.ranker
        docs = m.scope_docs(frame, include_sub=True)
        ranked = ranker.rank_clauses(frame, docs)
        # the same fitted refusal as every other answerer: probable enough AND covering the question's terms
        # ("游艇行业碳减排…": clauses about 碳减排 do not answer a question about 游艇)
        good = [s for s in ranked[:5] if ranker.answerable(s, frame.referenced)]
        if not good:
            return self.not_found(frame)
        weak = "" if ranker.confident(good[0]) else WEAK_MATCH
        evidence = tuple(self.evidence(s.clause_id, s.score) for s in good[:5])
        best = good[0]
        roles, _how = m.effective_responsibilities(best.clause_id)
        text = SEARCH_ANSWER.format(
            label=self.doc_label(best.clause_id),
            heading=m.clauses[best.clause_id].heading,
            sentence=self.best_sentence(best.clause_id, frame),
        ) + weak
        return Answer(frame.question, frame.intent, True, text, tuple(answer_agencies(roles)), (), evidence)


__all__ = ["Answerers", "answer_agencies", "combine"]
