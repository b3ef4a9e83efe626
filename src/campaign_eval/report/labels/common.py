"""Labels shared by every stage: segments, tiers, arms and common words."""

LABELS = {
    "stage.segmentation": {"en": "Customer segmentation", "zh": "目标客户分群"},
    "stage.plan": {"en": "Campaign plan", "zh": "活动策划"},
    "stage.monitoring": {"en": "Campaign monitoring", "zh": "活动过程监控"},
    "stage.evaluation": {"en": "Campaign evaluation", "zh": "效果评估与复盘"},
    "segment.core": {"en": "Core value", "zh": "核心价值客户"},
    "segment.growth": {"en": "Growth potential", "zh": "潜力增长客户"},
    "segment.churn_risk": {"en": "Churn risk", "zh": "流失风险客户"},
    "segment.new": {"en": "New", "zh": "新客户"},
    "segment.maintain": {"en": "Maintain", "zh": "常规维护"},
    "segment.all": {"en": "All targeted", "zh": "全部目标客户"},
    "tier.premium": {"en": "Premium", "zh": "优质客户"},
    "tier.potential": {"en": "Potential", "zh": "潜力客户"},
    "tier.ordinary": {"en": "Ordinary", "zh": "普通客户"},
    "tier.lost": {"en": "Lost", "zh": "流失客户"},
    "arm.treatment": {"en": "Treatment", "zh": "实验组"},
    "arm.control": {"en": "Control (holdout)", "zh": "对照组（保留组）"},
    "word.customers": {"en": "Customers", "zh": "客户数"},
    "word.share": {"en": "Share", "zh": "占比"},
    "word.segment": {"en": "Segment", "zh": "客户群"},
    "word.not_applicable": {"en": "n/a", "zh": "不适用"},
    # budget categories (plan.budget, the costs table): one set of names for plan and evaluation
    "budget.staff": {"en": "Staff", "zh": "人力成本"},
    "budget.marketing": {"en": "Marketing", "zh": "营销推广"},
    "budget.technology": {"en": "Technology", "zh": "技术支持"},
    "budget.venue": {"en": "Venue", "zh": "场地费用"},
    "budget.research": {"en": "Research", "zh": "调研费用"},
    "budget.contingency": {"en": "Contingency", "zh": "备用金"},
    "data.excluded_rows": {
        "en": "{rows} rows of the {table} table had no customer id and were excluded.",
        "zh": "{table} 表中有 {rows} 行缺少客户编号，已排除。",
    },
    "page.rows_shown": {
        "en": "Showing the first {shown} of {total} rows.",
        "zh": "仅显示前 {shown} 行，共 {total} 行。",
    },
}
