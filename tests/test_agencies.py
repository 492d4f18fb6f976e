"""Agency list splitting, region qualification, alias normalisation and successions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.agencies import (
    abbreviated_body,
    field_typo_repaired,
    is_local_body,
    looks_like_agency,
    ministry_departments,
    load_alias_rules,
    load_non_government_patterns,
    load_succession_rules,
    qualify_agencies,
    qualify_agency,
    split_agency_list,
    successions_for,
)
from ingest.errors import DictionaryError

SPLIT_CASES = [
    ("市工信局、生态环境局、发展改革委", ["市工信局", "生态环境局", "发展改革委"]),
    # 太原 三（一）: 、 inside 各县（市、区）政府 must not split it
    (
        "市生态环境局、市发展改革委、市工信局、市市场监管局、市能源局等",
        ["市生态环境局", "市发展改革委", "市工信局", "市市场监管局", "市能源局"],
    ),
    ("各县(市、区)政府、开发区管委会", ["各县（市、区）政府", "开发区管委会"]),
    # 晋城 四（三）: already-qualified central bodies
    (
        "市发展改革委、市工信局、市生态环境局、市能源局、人行晋城市分行、国家金融监管局晋城市监管分局等",
        ["市发展改革委", "市工信局", "市生态环境局", "市能源局", "人行晋城市分行", "国家金融监管局晋城市监管分局"],
    ),
    # page-break noise inside a list (晋城 三（五）before repair)
    ("市交通局、市能源局、市发展改革\n\n委、市公安局", ["市交通局", "市能源局", "市发展改革委", "市公安局"]),
    ("市财政局和市税务局", ["市财政局", "市税务局"]),
    ("住房和城乡建设局及工业和信息化局", ["住房和城乡建设局", "工业和信息化局"]),
    ("省环保厅等有关部门", ["省环保厅"]),
    ("省住房城乡建设厅等省有关部门", ["省住房城乡建设厅"]),
    # 天津: "A等部门和各区人民政府"
    ("市商务局等部门和各区人民政府", ["市商务局", "各区人民政府"]),
    # --- corpus audit ---
    # 成都 186 三（二）1 / 武汉 356 二（五）: named places share the closing "政府"
    ("市经信局、市发改委，彭州市、金堂县、大邑县政府", ["市经信局", "市发改委", "彭州市政府", "金堂县政府", "大邑县政府"]),
    ("武昌区、青山区、蔡甸区、江夏区人民政府",
     ["武昌区人民政府", "青山区人民政府", "蔡甸区人民政府", "江夏区人民政府"]),
    # 天津 219 / 山东 347: generic tails
    ("市级有关部门、各区人民政府", ["各区人民政府"]),
    ("省科技厅、省工业和信息化厅等省有关部门、单位", ["省科技厅", "省工业和信息化厅"]),
    ("市发展改革委、相关事涉部门", ["市发展改革委"]),
    ("市工业和信息化局、市新能源汽车推广应用推进组成员单位政府", ["市工业和信息化局"]),
]


@pytest.mark.parametrize("text, expected", SPLIT_CASES)
def test_split_agency_list(text, expected):
    assert split_agency_list(text) == expected


QUALIFY_CASES = [
    # every body of a range of levels inside the plan's place (pdf2 辽宁 林业草原发展规划, 云南 “十四五”生态环境保护规划,
    # 黑龙江): the place before them, as 各市（区）… and 设区的市级… are written; a national plan's as written
    ("县级以上林业主管部门", "辽宁省", None, "辽宁省县级以上林业主管部门", "辽宁省县级以上林业主管部门", "县级以上林业主管部门",
     "辽宁省", True),
    ("地级及以上城市政府", "云南省", None, "云南省地级及以上城市政府", "云南省地级及以上城市政府", "地级及以上城市政府", "云南省", True),
    ("县级以上地方人民政府", "全国", None, "县级以上地方人民政府", "县级以上地方人民政府", "县级以上地方人民政府", "", True),
    # … and 内蒙古's every 盟 and 市 (pdf2 430 "盟市生态环境部门要开展…监测")
    ("盟市生态环境部门", "内蒙古自治区", None, "内蒙古自治区盟市生态环境部门", "内蒙古自治区盟市生态环境部门", "盟市生态环境部门",
     "内蒙古自治区", True),
    # a name opening with words that end in 省/市 but name no place (四川 363 "制造强省建设领导小组") is the plan's own body
    ("制造强省建设领导小组", "四川省", None, "四川省制造强省建设领导小组", "四川省制造强省建设领导小组", "制造强省建设领导小组",
     "四川省", True),
    # a place named as the one responsible (pdf2 436 江苏 表2 "责任城市：南通市"): the place as written, its own region
    ("南通市", "江苏省", None, "南通市", "南通市", "", "南通市", True),
    ("连云港市", "江苏省", None, "连云港市", "连云港市", "", "连云港市", True),
    # … a district keeps its city (鼓楼区 is four places' name; 城区 five), as before
    ("鼓楼区", "南京市", None, "南京市鼓楼区", "南京市鼓楼区", "鼓楼区", "南京市", True),
    ("城区", "晋城市", None, "晋城市城区", "晋城市城区", "城区", "晋城市", True),
    # a national document names its 国家… bodies without 国家 once its header has named them (pdf2 383, 411)
    ("发展改革委", "全国", None, "国家发展改革委", "国家发展和改革委员会", "国家发展和改革委员会", "", True),
    ("能源局", "全国", None, "国家能源局", "国家能源局", "国家能源局", "", True),
    # … a body whose name has no 国家 stays as written; a province's 能源局 is the province's
    ("证监会", "全国", None, "证监会", "中国证券监督管理委员会", "中国证券监督管理委员会", "", True),
    ("能源局", "湖南省", None, "湖南省能源局", "湖南省能源局", "能源局", "湖南省", True),
    # raw, region, province, name, canonical, agency_type, agency region, is_government
    ("市生态环境局", "太原市", "山西省", "太原市生态环境局", "太原市生态环境局", "生态环境局", "太原市", True),
    ("市工信局", "太原市", "山西省", "太原市工信局", "太原市工业和信息化局", "工业和信息化局", "太原市", True),
    ("发展改革委", "太原市", "山西省", "太原市发展改革委", "太原市发展和改革委员会", "发展和改革委员会", "太原市", True),
    ("市住建局", "晋城市", "山西省", "晋城市住建局", "晋城市住房和城乡建设局", "住房和城乡建设局", "晋城市", True),
    ("市市场监管局", "晋城市", "山西省", "晋城市市场监管局", "晋城市市场监督管理局", "市场监督管理局", "晋城市", True),
    ("市场监管局", "梧州市", "广西壮族自治区", "梧州市市场监管局", "梧州市市场监督管理局", "市场监督管理局", "梧州市", True),
    ("市机关事务局", "太原市", "山西省", "太原市机关事务局", "太原市机关事务管理局", "机关事务管理局", "太原市", True),
    ("市交通局", "太原市", "山西省", "太原市交通局", "太原市交通运输局", "交通运输局", "太原市", True),
    ("省农业农村厅", "太原市", "山西省", "山西省农业农村厅", "山西省农业农村厅", "农业农村厅", "山西省", True),
    ("省环保厅", "辽宁省", None, "辽宁省环保厅", "辽宁省环境保护厅", "环境保护厅", "辽宁省", True),
    ("生态环境部", "太原市", "山西省", "生态环境部", "生态环境部", "生态环境部", "", True),
    ("国家发展改革委", "", None, "国家发展改革委", "国家发展和改革委员会", "国家发展和改革委员会", "", True),
    ("工业和信息化部", "", None, "工业和信息化部", "工业和信息化部", "工业和信息化部", "", True),
    ("市场监管总局", "", None, "市场监管总局", "国家市场监督管理总局", "国家市场监督管理总局", "", True),
    ("人行晋城市分行", "晋城市", "山西省", "人行晋城市分行", "中国人民银行晋城市分行", "中国人民银行分行", "晋城市", False),
    (
        "国家金融监管局晋城市监管分局", "晋城市", "山西省", "国家金融监管局晋城市监管分局",
        "国家金融监督管理总局晋城市监管分局", "国家金融监督管理总局监管分局", "晋城市", True,
    ),
    ("市机关事务服务中心", "晋城市", "山西省", "晋城市机关事务服务中心", "晋城市机关事务服务中心", "机关事务服务中心", "晋城市", True),
    ("市城市管理局", "晋城市", "山西省", "晋城市城市管理局", "晋城市城市管理局", "城市管理局", "晋城市", True),
    ("市妇联", "晋城市", "山西省", "晋城市妇联", "晋城市妇联", "妇联", "晋城市", False),
    ("重庆市能源局", "", None, "重庆市能源局", "重庆市能源局", "能源局", "重庆市", True),
    # implementing bodies
    ("各县(市、区)政府", "太原市", "山西省", "太原市各县（市、区）政府", "太原市各县（市、区）人民政府", "各县（市、区）人民政府", "太原市", True),
    ("县(市、区)政府", "太原市", "山西省", "太原市各县（市、区）政府", "太原市各县（市、区）人民政府", "各县（市、区）人民政府", "太原市", True),
    ("开发区管委会", "太原市", "山西省", "太原市开发区管委会", "太原市开发区管理委员会", "开发区管理委员会", "太原市", True),
    # named sub-region governments (region = the document's region; see the agencies module docstring)
    ("金堂县政府", "成都市", "四川省", "金堂县政府", "金堂县人民政府", "金堂县人民政府", "成都市", True),
    ("彭州市政府", "成都市", "四川省", "彭州市政府", "彭州市人民政府", "彭州市人民政府", "成都市", True),
    ("武昌区人民政府", "武汉市", "湖北省", "武汉市武昌区人民政府", "武汉市武昌区人民政府", "武昌区人民政府", "武汉市", True),
    # 辽源 357 七（二十五）: 团市委 is written in its official form 共青团辽源市委 (alias kind "regional")
    ("团市委", "辽源市", "吉林省", "共青团辽源市委", "共青团辽源市委", "共青团市委", "辽源市", False),
    ("团省委", "山东省", None, "共青团山东省委", "共青团山东省委", "共青团省委", "山东省", False),
]


LOCAL_BODY_CASES = [
    # name, document region, is a named local government / zone committee
    ("武昌区人民政府", "武汉市", True),
    ("金堂县政府", "成都市", True),
    ("彭州市政府", "成都市", True),
    ("滨海新区人民政府", "天津市", True),
    ("辽源高新区管委会", "辽源市", True),
    ("涠洲岛旅游区管委会", "北海市", True),
    ("武汉经开区管委会", "武汉市", True),
    ("天津自贸试验区管委会", "天津市", True),
    ("武汉新港管委会", "武汉市", False),  # a port authority
    ("武汉市人民政府", "武汉市", False),  # the plan's own government
    ("市政府", "武汉市", False),
    ("各县区政府", "辽源市", False),  # generic: is_implementing
    ("市县政府", "太原市", False),
    ("上饶市政府金融办", "上饶市", False),
]


@pytest.mark.parametrize("name, region, expected", LOCAL_BODY_CASES)
def test_is_local_body(name, region, expected):
    assert is_local_body(name, region) is expected


@pytest.mark.parametrize("raw, region, province, name, canonical, agency_type, agency_region, gov", QUALIFY_CASES)
def test_qualify_agency(raw, region, province, name, canonical, agency_type, agency_region, gov):
    a = qualify_agency(raw, region, province)
    assert (a.name, a.canonical, a.agency_type, a.region, a.is_government) == (
        name, canonical, agency_type, agency_region, gov,
    )


LIST_CASES = [
    # a shared 省 prefix propagates to bare followers
    (["省农业农村厅", "生态环境厅"], "太原市", "山西省", ["山西省农业农村厅", "山西省生态环境厅"]),
    (["市工信局", "生态环境局", "发展改革委"], "太原市", "山西省", ["太原市工信局", "太原市生态环境局", "太原市发展改革委"]),
    # 梧州: "市发展改革委、工业和信息化局、生态环境局"
    (["市发展改革委", "工业和信息化局"], "梧州市", None, ["梧州市发展改革委", "梧州市工业和信息化局"]),
    # 成渝: an explicit region is the context of the following 市…/bare names
    (
        ["重庆市能源局", "市经济信息委", "四川省能源局", "经济和信息化厅"], "", None,
        ["重庆市能源局", "重庆市经济信息委", "四川省能源局", "四川省经济和信息化厅"],
    ),
]


LIST_CASES += [
    # 减污降碳 247 (全国): national regulators stay as written, never "全国证监会"
    (["财政部", "人民银行", "银保监会", "证监会"], "全国", None, ["财政部", "人民银行", "银保监会", "证监会"]),
    # 北海 358: the city written inside the name
    (["市交通运输局", "北部湾港口管理局北海分局", "广西机场管理集团公司北海机场"], "北海市", "广西壮族自治区",
     ["北海市交通运输局", "北部湾港口管理局北海分局", "广西机场管理集团公司北海机场"]),
    # 宁夏 319: a body named with the region's short form at its start is already qualified (never
    # "宁夏回族自治区宁夏消防救援总队"); a department in that form still takes the full name
    (["自治区应急厅", "宁夏消防救援总队", "国网宁夏电力公司"], "宁夏回族自治区", None,
     ["宁夏回族自治区应急厅", "宁夏消防救援总队", "国网宁夏电力公司"]),
    (["宁夏财政厅", "宁夏消防救援总队"], "宁夏回族自治区", None, ["宁夏回族自治区财政厅", "宁夏消防救援总队"]),
    # 江西 89 / 上饶 355: a body named after a city of the plan's province keeps its own name, also after a
    # provincial list context (never "江西省南昌铁路局")
    (["省交通运输厅", "住房城乡建设厅", "南昌铁路局", "省机场集团公司"], "江西省", None,
     ["江西省交通运输厅", "江西省住房城乡建设厅", "南昌铁路局", "江西省机场集团公司"]),
    (["市发改委", "工信局", "上饶车务段"], "上饶市", "江西省", ["上饶市发改委", "上饶市工信局", "上饶车务段"]),
    # 德州 451: the city's short form opening a body's name
    (["市邮政管理局", "德州海关"], "德州市", "山东省", ["德州市邮政管理局", "德州海关"]),
    # --- corpus audit ---
    # 成渝 57: 四川证监局 in a 重庆 document after a 四川省 list stays as written
    (["四川省能源局", "经济和信息化厅", "四川证监局"], "重庆市", "重庆市",
     ["四川省能源局", "四川省经济和信息化厅", "四川证监局"]),
    # 山东 347 / 天津 219 / 成都 186: 国网 companies keep their own name
    (["省能源局", "国网山东省电力公司"], "山东省", "山东省", ["山东省能源局", "国网山东省电力公司"]),
    (["市经信局", "国网成都供电公司", "国网天府新区供电公司"], "成都市", "四川省",
     ["成都市经信局", "国网成都供电公司", "国网天府新区供电公司"]),
    # 成都 186: a county-level city's government does not qualify the next county; named counties and
    # county-level cities keep their own (nationally unique) name, districts get their city
    (["市发改委", "彭州市政府", "金堂县政府", "市经信局"], "成都市", "四川省",
     ["成都市发改委", "彭州市政府", "金堂县政府", "成都市经信局"]),
    (["市经信局", "武昌区人民政府", "青山区人民政府", "武汉经开区管委会"], "武汉市", "湖北省",
     ["武汉市经信局", "武汉市武昌区人民政府", "武汉市青山区人民政府", "武汉经开区管委会"]),
    (["市交通运输委", "天津海事局", "滨海新区人民政府"], "天津市", "天津市",
     ["天津市交通运输委", "天津海事局", "天津市滨海新区人民政府"]),
    (["市发展改革委", "涠洲岛旅游区管委会"], "北海市", "广西壮族自治区", ["北海市发展改革委", "北海市涠洲岛旅游区管委会"]),
    # 北海 358 三（一）: a second nameplate in brackets is the same bureau; 五（二）: "市政管理局" is not
    # 市 + 政管理局, while 武汉 "市政府国资委" is 市 + 政府国资委
    (["市交通运输局（市铁路办）", "市发展改革委"], "北海市", "广西壮族自治区", ["北海市交通运输局", "北海市发展改革委"]),
    (["市发展改革委", "市政管理局", "生态环境局"], "北海市", "广西壮族自治区",
     ["北海市发展改革委", "北海市市政管理局", "北海市生态环境局"]),
    (["市政府国资委"], "武汉市", "湖北省", ["武汉市政府国资委"]),
    # --- fourth corpus audit ---
    # 贵州 384 四（三）: a company named without a level prefix is a proper name, never "贵州省黔晟国资公司";
    # the prefixed 市供电公司 / 省交通集团 and bare bureaus are still qualified
    (["人行贵阳中心支行", "省工业和信息化厅", "贵州银保监局", "省地方金融监管局", "黔晟国资公司"], "贵州省", "贵州省",
     ["人行贵阳中心支行", "贵州省工业和信息化厅", "贵州银保监局", "贵州省地方金融监管局", "黔晟国资公司"]),
    (["市发展改革委", "市供电公司", "交投集团"], "太原市", "山西省", ["太原市发展改革委", "太原市供电公司", "交投集团"]),
    (["省交通运输厅", "省交通投资集团"], "贵州省", "贵州省", ["贵州省交通运输厅", "贵州省交通投资集团"]),
    # --- round 29 ---
    # the plan's own level's government or party committee by its level word (pdf2 458 株洲 "市委、市政府对全市环境治理工作
    # 负总责", 453 西宁 "市政府将不定期派出督查组"): the place once, never 株洲市市政府
    (["市委", "市政府"], "株洲市", "湖南省", ["株洲市委", "株洲市政府"]),
    (["市人民政府"], "西宁市", "青海省", ["西宁市人民政府"]),
    (["省委", "省政府"], "云南省", "云南省", ["云南省委", "云南省政府"]),
    # a district's or county's plan names its city's departments with 市 (pdf2 314 浦东新区 "市财政、市发展改革部门",
    # corpus 117 繁昌区): the city it lies in; its own level's 区 stays its own
    (["市发展改革部门", "区生态环境局"], "浦东新区", "上海市", ["上海市发展改革部门", "浦东新区生态环境局"]),
    (["市生态环境局"], "繁昌区", "安徽省", ["芜湖市生态环境局"]),
    # a national document's 国资委 is the State Council's (pdf2 11 国资发科创〔2021〕93号)
    (["国资委", "发展改革委"], "全国", None, ["国务院国资委", "国家发展改革委"]),
]


@pytest.mark.parametrize("names, region, province, expected", LIST_CASES)
def test_qualify_agencies_propagates_prefix(names, region, province, expected):
    assert [a.name for a in qualify_agencies(names, region, province)] == expected


def test_successions_liaoning():
    agencies = qualify_agencies(["省发展改革委", "省环保厅"], "辽宁省")
    # renames always; the 应对气候变化 function transfer only for documents before 2018
    assert [(s.predecessor, s.successor, s.year) for s in successions_for(agencies)] == [
        ("辽宁省环保厅", "辽宁省生态环境厅", 2018)
    ]
    assert [(s.predecessor, s.successor) for s in successions_for(agencies, as_of=2014)] == [
        ("辽宁省发展改革委", "辽宁省生态环境厅"),
        ("辽宁省环保厅", "辽宁省生态环境厅"),
    ]
    assert successions_for(agencies, as_of=2023) == successions_for(agencies)


def test_successions_none_for_current_names():
    agencies = qualify_agencies(["市生态环境局", "市发展改革委", "市工信局"], "太原市", "山西省")
    assert successions_for(agencies, as_of=2023) == []


def test_bundled_dictionaries_load():
    assert load_alias_rules()
    assert load_succession_rules()
    assert load_non_government_patterns()


@pytest.mark.parametrize(
    "loader, content, message",
    [
        (load_alias_rules, "发改委\n", "bad.tsv:1"),
        (load_alias_rules, "# c\n发改委\t发展和改革委员会\tweird\n", "bad.tsv:2"),
        (load_alias_rules, "团市委\t共青团市委\tregional\n", "bad.tsv:1"),
        (load_succession_rules, "环保厅\t生态环境厅\tyear\trename\n", "bad.tsv:1"),
        (load_non_government_patterns, "公司(\tenterprise\n", "bad.tsv:1"),
    ],
)
def test_bad_dictionary_line_names_file_and_line(tmp_path: Path, loader, content, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        loader(bad)


@pytest.mark.parametrize(
    "text, expected",
    [
        # departments named by field, function or level in clauses without annotation (dev questions answered "文件未指明…"
        # of them: pdf2 425 内江 第三章第三节, 101 福建 条例 第一章第五条, 526 江西 四（十）, 52 公共机构 规划 四（一）)
        # (公安交管 is no field the dictionary knows: not read rather than read from inside a word)
        ("交通运输部门负责监测取证，公安交管部门实施处罚，生态环境部门监督维修。", ["交通运输部门", "生态环境部门"]),
        ("县级以上地方人民政府生态环境主管部门对本行政区域生态环境保护工作实施统一监督管理。",
         ["县级以上地方人民政府生态环境主管部门"]),
        ("未经节能审查擅自开工建设的，由各级节能主管部门责令停止建设。", ["各级节能主管部门"]),
        ("由机关事务管理部门牵头构建公共机构节约能源资源高效推进机制。", ["机关事务管理部门"]),
        # kinds of department are none
        ("各有关部门要加强协调，相关部门按职责分工负责。", []),
        ("县级以上人民政府有关部门按照职责做好相关工作。", []),
        # no reading starts inside a word (a review's cases): the field the dictionary knows, or a level's body
        ("市发展改革委会同生态环境部门做好评估。", ["生态环境部门"]),
        ("住房和城乡建设主管部门会同发展改革部门制定。", ["住房和城乡建设主管部门", "发展改革部门"]),
        ("充分发挥统计部门作用。", ["统计部门"]),
        ("行业主管部门要加强指导。", []),
        # fields listed before 等部门, every field known, the first read from its known ending after a verb (pdf2 541 山西
        # 三（四）, 480 沈阳 第三条); a list holding a field the dictionary lacks is not read (公安交管), nor other 等 lists
        ("建立生态环境、自然资源、水利等部门信息共享机制。", ["生态环境部门", "自然资源部门", "水利部门"]),
        ("统计、金融、财政、发展改革等相关部门按照各自职责，配合做好与本市碳排放权交易相关的工作。",
         ["统计部门", "金融部门", "财政部门", "发展改革部门"]),
        ("加强生态环境、交通运输、公安交管等部门联合执法。", []),
        ("研究制定价格、财税等配套政策。", []),
        # … nor 部门 in the sense of a sector (its transition, emissions, firms)
        ("推进能源、交通运输等部门绿色低碳转型。", []),
        ("降低农业、林业等部门排放。", []),
    ],
)
def test_field_bodies_mentioned(text, expected):
    from ingest.agencies import field_bodies_mentioned

    assert field_bodies_mentioned(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # pdf2 369 天津 二（三）: bodies the text names with their level, in order
        ("可在被告知核查结果之日起7个工作日内，向所属区生态环境局提交书面材料，区生态环境局核实材料后报市生态环境局。",
         ["区生态环境局", "市生态环境局"]),
        # pdf2 207 安徽 二（一）: a list after 按照, a misprinted name kept as written
        ("按照省发展改革委、省经济和信息厅、省能源局建立的能效清单目录，开展自查。", ["省发展改革委", "省经济和信息厅", "省能源局"]),
        # governments, party bodies and generic offices are not departments; nor are people (局长)
        ("市委、市政府高度重视，各有关部门要加强配合，市生态环境局局长任组长。", []),
        ("加强重点行业企业节能降碳技术改造。", []),
        # every lower place's department is one mention (pdf2 313 陕西 十三; 各级 and 各有关 are none)
        ("各市（区）生态环境局落实情况每年底向省厅报工作总结。", ["各市（区）生态环境局"]),
        ("各设区市生态环境局要加强组织协调，各级财政局要保障资金。", ["各设区市生态环境局"]),
        # the place written before the level word is the name's (pdf2 555 推广目录: "自治区交通运输厅" before)
        ("推荐单位：广西壮族自治区交通运输厅", ["广西壮族自治区交通运输厅"]),
        # a 管委会 read whole (pdf2 168 国家高新区 六1: "国家高新区管委" before)
        ("各国家高新区管委会紧密结合工作实际，加强组织领导和工作协同", ["国家高新区管委会"]),
        # a level word ending another word is none (pdf2 88 云南自贸试验区 第六条: "区管理委员会" out of 片区管理委员会 before);
        # the zone's committee is read with the place before its zone word
        ("【管理部门】中国（云南）自由贸易试验区工作领导小组办公室和中国（云南）自由贸易试验区昆明、红河、德宏片区管理委员会负责研究、"
         "探索面向国际、国内和省内市场的碳资源储备创新机制。", ["德宏片区管理委员会"]),
        # a body written bare and with its place is one mention, the full name kept (pdf2 309 深圳 notice's attachment lines
        # and signature; its contact line between them left out)
        ("附件：1.市工业和信息化局2023年绿色低碳产业扶持计划申请指南 2.市工业和信息化局专项资金项目专项审计通用原则和标准"
         " 深圳市工业和信息化局 2022年6月28日", ["深圳市工业和信息化局"]),
        # a zone's committee, with the place before its zone word where one is written (pdf2 404 福州 addressees, 242 邯郸
        # 七（二十五）, 88 云南 第七条)
        ("各县（市）区人民政府、高新区管委会，市直各委、办、局（公司），市属各高等院校，自贸区福州片区管委会：",
         ["高新区管委会", "自贸区福州片区管委会"]),
        ("【管理系统】自贸试验区管理委员会参与全省碳资源储备工作，参与碳资源项目管理系统建设，共享全省碳资源信息。",
         ["自贸试验区管理委员会"]),
        ("各县（市、区）政府，冀南新区、邯郸经济技术开发区管委会要认真研究并落实本实施意见，确保各项任务落地见效。",
         ["邯郸经济技术开发区管委会"]),
        # a body before 会同 ends at its 委 (pdf2 10 五, 117 繁昌 三): never read on into the next body
        ("国家发展改革委会同有关方面定期对本意见落实情况进行评估，重大问题及时向党中央、国务院报告。", ["国家发展改革委"]),
        ("评审通过后，区发展改革委会同区财政局、区经信局、区统计局联审，并进行现场核实，各部门出具联审意见汇总至区发展改革委。",
         ["区发展改革委", "区财政局", "区经信局", "区统计局"]),
        # a place or a zone whose name ends in a level word keeps it (pdf2 313 陕西 addressees: 韩城市, 杨凌示范区; 184 南京:
        # 江北新区)
        ("各设区市生态环境局，韩城市生态环境局，杨凌示范区生态环境局，厅机关相关部门、直属相关单位：",
         ["各设区市生态环境局", "韩城市生态环境局", "杨凌示范区生态环境局"]),
        ("江北新区科创局，各区（园区）科技（人才）局，各有关单位：", ["江北新区科创局"]),
        # a 城市 that is no place's starts no body, nor does 等 stand inside a body's name (pdf2 112 南京江北新区 行动计划
        # 二（四）13, 566 天津 四（六）: "区等局" before)
        ("规划建设生态、智慧、文化、景观融合的滨江城市客厅，打造“临江、忆江、见江”和彰显新区滨江城市特色的景观廊", []),
        ("加快宁河区、滨海新区等局部电网消纳受限区域配套电网工程建设", []),
        # … but 城市管理局 after its own level word is read (pdf2 197 临沂 annotation)
        ("（责任单位：市住房和城乡建设局、市城市管理局、市发展和改革委员会、市自然资源和规划局、市乡村振兴局、市科学技术局）",
         ["市住房和城乡建设局", "市城市管理局", "市发展和改革委员会", "市自然资源和规划局"]),
    ],
)
def test_bodies_mentioned(text, expected):
    from ingest.agencies import bodies_mentioned

    assert bodies_mentioned(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a government charged as a sentence's subject is mentioned, never read as responsible (frozen18 qf18-1-12 and
        # frozen31 qf31-4-21: pdf2 453 西宁 第十章第一节; the 山西 seed 九（二十八）; pdf2 101 福建条例 第三章第二十五条)
        ("加强组织领导。市政府将不定期派出督查组，深入到县区、乡镇、街道、园区督促检查落实。", ["市政府"]),
        ("强化地方政府责任。省政府将实行严格的单位GDP能耗、污染物减排和二氧化碳排放强度降低目标责任考核。", ["省政府"]),
        ("省人民政府应当组织编制本省可再生能源开发利用规划。", ["省人民政府"]),
        # a government inside a sentence, an office of it or its officials are none
        ("方案经市政府同意后印发实施。", []),
        ("各县区政府要落实属地责任。", []),
        ("市政府应急管理局负责组织演练。", []),
        ("省政府负责同志定期调度。", []),
    ],
)
def test_governments_charged(text, expected):
    from ingest.agencies import governments_charged

    assert governments_charged(text) == expected


def test_no_agency_sentence_quotes_mentioned_bodies_and_never_asserts_them():
    from search.answer import NO_AGENCY_SENTENCE, no_agency_sentence

    assert no_agency_sentence("") == NO_AGENCY_SENTENCE
    said = no_agency_sentence("", ["区生态环境局", "市生态环境局"])
    assert "区生态环境局、市生态环境局" in said and "请以原文为准" in said and said != NO_AGENCY_SENTENCE
    assert "（市财政局" in no_agency_sentence("（市财政局、8", ["市财政局"])  # unreadable annotation speaks first


@pytest.mark.parametrize(
    "name, expected",
    [
        # a field's department at a level, with or without 主管 (pdf2 537 江苏, 110 深圳, 122 广州黄埔, 314 浦东)
        ("省住房城乡建设部门", True),
        ("市工业和信息化部门", True),
        ("区发展改革部门", True),
        ("市地方金融监管部门", True),
        ("市生态环境主管部门", True),
        # kinds of department, phrases, lists (314, 220)
        ("市有关部门", False),
        ("市职能部门", False),
        ("市主管部门", False),
        ("市人民政府应当支持国家金融管理部门", False),
        ("市经信委等十部门", False),
        ("省级生态环境部门", False),
    ],
)
def test_is_functional_body(name, expected):
    from ingest.agencies import is_functional_body

    assert is_functional_body(name) is expected


@pytest.mark.parametrize(
    "name, expected",
    [
        # a field's departments of a whole level (pdf2 393, 34 national 办法; 487 浙江; 414 江西; 562 四川)
        ("省级生态环境主管部门", True),
        ("设区的市级以上地方生态环境主管部门", True),
        ("县级林业主管部门", True),
        ("各级行政审批部门", True),
        ("各级能源主管部门", True),
        ("县级以上地方人民政府市场监督管理部门", True),
        # kinds of department, governments, several bodies (pdf2 362 大连, 436 江苏)
        ("各级有关部门", False),
        ("省级有关部门", False),
        ("县级以上地方人民政府有关部门", False),
        ("各地区各部门", False),
        ("各级政府和涉海管理部门", False),
        # every lower place's department of a field, its places written with 各 (pdf2 369 天津, 97 四川)
        ("各区生态环境局", True),
        ("各设区市生态环境局", True),
        ("各区发展和改革委员会", True),
        ("各市（州）经济和信息化主管部门", True),
        ("各市、县（市、区）经济和信息化主管部门", True),
        # the levels below the centre written as a whole by national rules (pdf2 238 财政 "市县财政部门负责…", 333 新能源
        # "地方能源主管部门、电网企业要…", 296 城乡建设 "各省（区、市）住房和城乡建设部门"), and a request to some of a
        # level (551 绿色制造 "请有关省级工业和信息化主管部门进行核查")
        ("市县财政部门", True),
        ("地方能源主管部门", True),
        ("各省（区、市）住房和城乡建设部门", True),
        ("有关省级工业和信息化主管部门", True),
        ("地方有关部门", False),
        ("各省（区、市）有关部门", False),
        ("市县人民政府部门", False),
        # … never their governments, a kind of department or the places themselves
        ("各区人民政府", False),
        ("各县（市、区）有关部门", False),
        ("各市（州）", False),
        # 内蒙古's levels of cities and counties, 盟市 and 旗县, written without 各 (pdf2 430 "盟市生态环境部门要开展…监测")
        ("盟市生态环境部门", True),
        ("旗县级林业和草原主管部门", True),
        ("盟市人民政府", False),
        ("盟市有关部门", False),
    ],
)
def test_is_level_role_body(name, expected):
    from ingest.agencies import is_level_role_body

    assert is_level_role_body(name) is expected


@pytest.mark.parametrize(
    "name, expected",
    [
        # a field's department written without level, as provincial and prefecture plans name their own (pdf2 389
        # 黑龙江 "生态环境部门、自然资源部门应及时共享…", 445 海西 林草部门, seed 辽宁 环保部门)
        ("生态环境部门", True),
        ("自然资源部门", True),
        ("林草部门", True),
        ("住房和城乡建设部门", True),
        # a field by its department's short form in the alias table, which jieba reads as verbs (pdf2 318 甘肃
        # "住建部门要会同发展改革、自然资源…", 220 重庆, 389 黑龙江 "自然资源、工信部门及时…")
        ("住建部门", True),
        ("工信部门", True),
        # a field of the dictionary the tagger reads as a verb, with or without 主管 (pdf2 526 江西 "由节能主管部门责令停工
        # 整改"; national plans' "各级节能主管部门")
        ("节能主管部门", True),
        # 应急 is a field, not the modal 应 (pdf2 435 安徽 "加强应急、交通…等部门应急联动")
        ("应急部门", True),
        ("节能部门", True),
        ("推动节能部门", False),
        # kinds of department, every body, a level's (functional bodies)
        ("有关部门", False),
        ("行业主管部门", False),
        ("职能部门", False),
        ("各部门", False),
        ("市生态环境部门", False),
        # verb phrases ending in 部门 (corpus 北海, 天津; pdf2 南充: "…强化部门协同")
        ("开展塑料污染治理部门", False),
        ("强化部门", False),
        ("全市各级各部门", False),
        # a government's or a function's word is no field
        ("政府部门", False),
        ("监管部门", False),
    ],
)
def test_is_field_department(name, expected):
    from ingest.agencies import is_field_department

    assert is_field_department(name) is expected


# a member list as pdf2 293 安徽 writes it, and the bare short forms its 配合单位 use
ANHUI_MEMBERS = (
    "成员：省生态环境保护督察办公室、综合处、法规与标准处、第一专员办公室、省环境监察局、省环境保护宣传教育中心、"
    "省环境工程评估中心、省环境信息中心、省固体废物管理中心、省辐射环境监督站、省生态环境监测中心、省环境科学研究院主要负责同志"
)


@pytest.mark.parametrize(
    "short, text, expected",
    [
        ("信息中心", ANHUI_MEMBERS, "省环境信息中心"),
        ("监测中心", ANHUI_MEMBERS, "省生态环境监测中心"),
        ("评估中心", ANHUI_MEMBERS, "省环境工程评估中心"),
        ("辐射站", ANHUI_MEMBERS, "省辐射环境监督站"),
        ("环科院", ANHUI_MEMBERS, "省环境科学研究院"),
        ("宣教中心", ANHUI_MEMBERS, "省环境保护宣传教育中心"),
        # a department or division, a name with its level, a name no listed body abbreviates: left as written
        ("综合处", ANHUI_MEMBERS, None),
        ("第一专员办公室", ANHUI_MEMBERS, None),
        ("省信息中心", ANHUI_MEMBERS, None),
        ("气象中心", ANHUI_MEMBERS, None),
        # two listed bodies fit: none chosen
        ("监测中心", "成员：市环境监测中心、市水文水资源监测中心", None),
        # a list item must open with its level word (a body inside running text is no list item)
        ("信息中心", "依托环境信息中心开展工作", None),
    ],
)
def test_abbreviated_body(short, text, expected):
    assert abbreviated_body(short, text) == expected


def test_ministry_departments():
    # pdf2 43: the department is written bare in the text and in full in the contact lines
    text = ("上述材料均报送至国家生态工业示范园区建设协调领导小组办公室（科技与财务司），科技与财务司将组织对报送材料质量开展评估审查。\n"
            "联系人及联系方式：\n生态环境部科技与财务司刘勇华、王帅")
    assert ministry_departments(text) == {"科技与财务司": "生态环境部科技与财务司"}
    # two ministries' departments of one bare name: neither; a phrase ending in 部 is no ministry
    assert ministry_departments("\n生态环境部综合司\n工业和信息化部综合司") == {}
    assert ministry_departments("\n各有关部规划司") == {}
    assert looks_like_agency("生态环境部科技与财务司", strict=True)


@pytest.mark.parametrize(
    "name, expected",
    [
        # pdf2 430 内蒙古 第三章第一节 "各盟市人民政府要对本行政区域内…旗县（市、区），进行预警提醒" (a league and its cities)
        ("各盟市人民政府", True),
        ("各盟市政府", True),
        # 424 云南 第九章第一节, 357 辽源, seeds 太原
        ("各州（市）人民政府", True),
        # every place of a level written 各设区市 / 区（市）县, bare or with its government (pdf2 565 广西 第四章二, 89 江西;
        # 189 成都 五（一）)
        ("各设区市人民政府", True),
        ("各设区市政府", True),
        ("各区（市）县", True),
        ("各设区市生态环境局", False),
        ("各县区政府", True),
        ("各县（市、区）政府", True),
        ("旗县级人民政府", True),
        # the provinces below a national plan (pdf2 2 2030年前碳达峰行动方案 六（三）, 51 生态环境监测规划)
        ("各省、自治区、直辖市人民政府", True),
        ("各省（区、市）人民政府", True),
        ("各省、自治区、直辖市和新疆生产建设兵团人民政府", True),
        # the plan's own level and a body of a league are not sub-jurisdiction governments
        ("自治区人民政府", False),
        ("省人民政府", False),
        ("各盟市生态环境局", False),
        ("盟市生态环境部门", False),
    ],
)
def test_lower_governments_written_with_their_levels_implement(name: str, expected: bool) -> None:
    from ingest.agencies import is_implementing

    assert is_implementing(name) is expected


@pytest.mark.parametrize(
    "text, names",
    [
        # a national plan's provinces, one body written with its kinds: not split at their 、
        ("各省、自治区、直辖市人民政府", ["各省、自治区、直辖市人民政府"]),
        ("国家发展改革委、各省、自治区、直辖市人民政府", ["国家发展改革委", "各省、自治区、直辖市人民政府"]),
        # the kinds of a list of bodies are still split (省发展改革委、自治区… is no such body)
        ("省发展改革委、省生态环境厅", ["省发展改革委", "省生态环境厅"]),
    ],
)
def test_the_provinces_written_with_their_kinds_are_one_body(text: str, names: list[str]) -> None:
    from ingest.agencies import split_agency_list

    assert split_agency_list(text) == names


@pytest.mark.parametrize(
    "name, region, canonical",
    [
        # the financial regulators written with or without 中国, alone or before a local office (pdf2 55 江苏 "联合人行南京
        # 分行、银保监会江苏监管局", 411 "人民银行、证监会、银保监会"; gold and other plans write 中国银保监会 / 中国证监会)
        ("银保监会江苏监管局", "江苏省", "中国银行保险监督管理委员会江苏监管局"),
        ("中国银保监会江苏监管局", "江苏省", "中国银行保险监督管理委员会江苏监管局"),
        ("中国证监会", "全国", "中国证券监督管理委员会"),
        ("证监会", "全国", "中国证券监督管理委员会"),
        ("中国银保监会", "全国", "中国银行保险监督管理委员会"),
        # a province's own office keeps its own name
        ("江苏银保监局", "江苏省", "江苏银行保险监督管理局"),
    ],
)
def test_the_financial_regulators_written_either_way_are_one_body(name: str, region: str, canonical: str) -> None:
    assert qualify_agency(name, region).canonical == canonical


# bodies of kinds other than departments as sentences name their subjects (dictionaries/actor_kinds.txt): subjects of real
# sentences of pdf2 (213 天津, 108 青海, 227 黑龙江, 348 北京, 101 福建) and of the seeds; an enterprise needs its sector
@pytest.mark.parametrize(
    "name, expected",
    [
        ("各电力企业", True),
        ("电网企业", True),
        ("各类新闻媒体", True),
        ("新闻媒体", True),
        ("各级法院", True),
        ("矿山企业", True),
        ("电力交易机构", True),
        ("企业", False),
        ("各类企业", False),
        ("有关企业", False),
        ("重点用能企业", False),
        ("鼓励引导企业", False),
        ("支持企业", False),
        ("有关部门", False),
    ],
)
def test_a_body_of_another_kind(name: str, expected: bool) -> None:
    from ingest.agencies import other_kind_body

    assert other_kind_body(name) is expected


# a department's field written with one character lost in a document's text (pdf2 207 安徽 "省经济和信息厅", 465 南平
# "市然资源局"): the field whole; abbreviations the genre writes (重庆 "市住房城乡建委", "市经济信息委"), names opening with their
# field (市场监管局) and whole names stay as written
@pytest.mark.parametrize(
    "written, repaired",
    [
        ("省经济和信息厅", "省经济和信息化厅"),
        ("市然资源局", "市自然资源局"),
        ("安徽省经济和信息厅", "安徽省经济和信息化厅"),
        ("市住房城乡建委", "市住房城乡建委"),
        ("重庆市经济信息委", "重庆市经济信息委"),
        ("市场监管局", "市场监管局"),
        ("省经济和信息化厅", "省经济和信息化厅"),
        ("市发改委", "市发改委"),
        ("市生态环境局", "市生态环境局"),
    ],
)
def test_a_field_with_a_character_lost_is_written_whole(written, repaired):
    assert field_typo_repaired(written) == repaired
