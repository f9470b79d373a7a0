"""Questions whose answer is in the other language: English questions about Chinese articles and
Chinese questions about English ones, in the real news set (../shared/data/news).

Each question was written from one article, as a reader would ask it, not in the article's
words; the answers are the titles of the articles in the other language that report the same
story (the same event told again by another source counts). Most stories were chosen because
only one language covers them, so a question can only find its answer through translation.
Some need words CC-CEDICT lacks (止赎 foreclosure, 巴菲特 Buffett, 安世 Nexperia) or reads in
another sense ("trades" as 贸易, not 交易): they are here because users ask such questions
too, and the test asks for most, not all.
"""

from __future__ import annotations

CROSS_LANGUAGE: list[tuple[str, frozenset[str]]] = [
    (
        "How much did profits at China's big industrial companies grow in the first nine months"
        " of 2025?",
        frozenset({"2025年1—9月份全国规模以上工业企业利润增长3.2%"}),
    ),
    (
        "Why did the Dutch government take control of the chipmaker Nexperia?",
        frozenset({"荷兰政府“接管”安世半导体"}),
    ),
    (
        "US soybean farmers struggling after China stopped buying their beans",
        frozenset({"“中国一粒都没买”！大豆滞销 美国农民卖设备维持生计 美协会急了：赶紧和中国谈"}),
    ),
    (
        "Ford widens its battery partnership with CATL and American lawmakers object",
        frozenset({"福特扩大与宁德时代的合作，引发美国议员不满"}),
    ),
    (
        "Guinea wants to curb bauxite exports to push prices back up",
        frozenset(
            {"刚果和津巴布韦限制钴、锂出口后，“全球最大铝土矿生产国”几内亚计划6月宣布出口管制措施"}
        ),
    ),
    (
        "China producer prices in January 2026 compared with a year earlier",
        frozenset({"2026年1月份工业生产者出厂价格同比降幅收窄 环比涨幅扩大"}),
    ),
    (
        "Trump's first-quarter stock trades: which shares did he sell and which did he buy?",
        frozenset(
            {
                "特朗普Q1交易：大幅减持亚马逊、Meta和微软，买入英伟达、博通和苹果，"
                "抄底甲骨文、Adobe等软件股"
            }
        ),
    ),
    (
        "Chinese regulators issue measures to improve the governance of financial institutions",
        frozenset({"四部门联合发布22条措施 健全金融机构治理"}),
    ),
    (
        "Why did Warren Buffett sell his BYD shares?",
        frozenset({"巴菲特抛的不是比亚迪，是汽车", "巴菲特会「卖飞」比亚迪么？"}),
    ),
    (
        "Russia attacks Ukraine again with a hypersonic missile",
        frozenset({"俄罗斯再度动用“榛树”高超音速导弹袭击乌克兰"}),
    ),
    (
        "美国房屋止赎数量大幅上升",
        frozenset(
            {
                "US Foreclosure Filings Jumped 17% In Q3",
                "Foreclosures jump 20% as more people miss mortgage payments. ‘People are biting"
                " off more than they can chew.’",
            }
        ),
    ),
    (
        "法国战斗机在拉脱维亚上空击落一架无人机",
        frozenset({"Watch: French Fighter Jets Shoot Down Kamikaze Drone Over Latvia"}),
    ),
    (
        "美国财政部制裁伊朗最大的加密货币交易所",
        frozenset({"US Treasury Sanctions Iran's Largest Crypto Exchange"}),
    ),
    (
        "中国最大的石油公司不再购买委内瑞拉原油",
        frozenset({"China's Largest Oil Producer Suspends Purchases Of Venezuela Oil"}),
    ),
    (
        "美国最高法院拒绝受理对特朗普第一任期对华关税的诉讼",
        frozenset({"Supreme Court Rejects Challenge To Trump's First-Term Tariff On China"}),
    ),
    (
        "用人形机器人上门打扫房子的家政服务",
        frozenset(
            {"$150 Humanoid Robot House Cleaning Service Threatens To Undercut Maid Services"}
        ),
    ),
    (
        "沙特阿拉伯打算向乌克兰大量采购拦截无人机",
        frozenset(
            {
                'Saudis Eye "Large Order" Of Ukrainian Interceptor Drones As Kill-Cost Missile'
                " Crisis Deepens"
            }
        ),
    ),
    (
        "美国证监会提议让上市公司可以改为每半年披露一次报告",
        frozenset(
            {"SEC Proposes Amendments to Permit Optional Semiannual Reporting by Public Companies"}
        ),
    ),
    (
        "美联储终止对瑞银和瑞士信贷的执法行动",
        frozenset(
            {
                "Federal Reserve Board announces termination of enforcement actions with UBS Group"
                " AG, Credit Suisse AG, Credit Suisse Holdings (USA), Inc., and Credit Suisse AG,"
                " New York Branch"
            }
        ),
    ),
    (
        "英国名厨呼吁把酒吧和餐馆的增值税降到10%",
        frozenset({"Top UK chefs call for cutting VAT for pubs and restaurants to 10%"}),
    ),
]
