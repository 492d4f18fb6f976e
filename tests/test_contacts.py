"""Contact divisions of application notices (ingest.contacts): lines from real notices of pdf2."""

from __future__ import annotations

import pytest

from ingest.contacts import find_contacts


@pytest.mark.parametrize(
    "text, expected",
    [
        # a matter, then its division and a person (184 南京 五（三）1)
        ("政策咨询： 市科技局社会发展与农村科技处张某12345678", [("市科技局社会发展与农村科技处", "政策咨询： 市科技局社会发展与农村科技处")]),
        # divisions with their matters in brackets, each followed by its contact person (265 南京)
        (
            "以下为市科技局负责省碳达峰碳中和科技创新专项资金项目指南及申报要求的相关处室及联系人。 市科技局科研机构和基础研究处（前沿基础）"
            " 联系人：王某联系电话：12345678 市科技局科技成果处（重大科技成果转化） 联系人：李某联系电话：12345679",
            [
                ("市科技局科研机构和基础研究处", "市科技局科研机构和基础研究处（前沿基础）"),
                ("市科技局科技成果处", "市科技局科技成果处（重大科技成果转化）"),
            ],
        ),
        # a kind of project, then its division (254 徐州)
        ("（2）产业重点技术研发项目：市科技局高新技术处电话：12345678联系人：赵某",
         [("市科技局高新技术处", "（2）产业重点技术研发项目：市科技局高新技术处")]),
        # the division material is sent to (264 安徽)
        ("请各单位对照摸排表中重点领域进行摸排，于2月17日下午下班前将摸排表反馈至省科技厅社发处。",
         [("省科技厅社发处", "于2月17日下午下班前将摸排表反馈至省科技厅社发处")]),
        # the issuer's division written bare in a 联系人 bracket (97 四川)
        ("逾期不予受理。 （联系人：环境和资源综合利用处孙某联系电话：028-12345678",
         [("环境和资源综合利用处", "联系人：环境和资源综合利用处")]),
        # the body receiving applications (309 深圳 八（一）)
        ("受理机关：深圳市工业和信息化局。", [("深圳市工业和信息化局", "受理机关：深圳市工业和信息化局")]),
        # a person and a phone only, a place, a unit that is no division, a task that names a kind of division
        ("“前沿基础”、“重大科技示范”项目联系人：钱某，联系电话：0510-12345678", []),
        ("受理地点：南京市政务服务中心一楼A", []),
        ("强化组织领导。各区要成立工作专班，明确责任处室。", []),
        ("（三）责任分工：市发展改革委牵头，市工信局配合。", []),
        # words starting with 处 / 科 (222, 261, 291), a responsibility label (231), a header's or a group's lines
        ("实施连江可门工业集中区污水处理厂提标改造。", []),
        ("责任处室：自然资源调查监测处", []),
        ("抄送：市委办公室", []),
        ("来源：国土空间生态修复处", []),
    ],
)
def test_contact_divisions(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_contacts(text) == expected
