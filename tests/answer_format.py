"""The analysis format's Chinese headings, as a reader sees them (the seeds' own words)."""

ZH_HEADINGS = (
    *("综合分析", "核心洞察", "风险与机遇", "风险因素", "机遇窗口"),
    *("核心信息摘要", "参考文献"),
)
