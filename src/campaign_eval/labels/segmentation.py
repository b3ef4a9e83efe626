"""Labels of the segmentation stage."""

LABELS = {
    "seg.h.summary": {"en": "Summary and data notes", "zh": "概要与数据说明"},
    "seg.h.sizes": {"en": "Segment sizes", "zh": "客户群规模"},
    "seg.h.profiles": {"en": "Segment profiles", "zh": "客户群画像"},
    "seg.h.structure": {"en": "Customer structure", "zh": "客户结构"},
    "seg.h.tiers": {"en": "Four-tier view", "zh": "四级客户分层"},
    "seg.h.focus": {"en": "What the segments mean for the campaign", "zh": "各客户群的活动重点"},
    "seg.h.lists": {"en": "Lists for sales reps", "zh": "销售跟进名单"},
    "seg.focus": {"en": "Campaign focus", "zh": "活动重点"},
    "seg.intro": {
        "en": "Customers segmented as of {date} by the rules below. A customer who matches several rules is counted once, in the first segment of the order: {order}.",
        "zh": "按以下规则对截至 {date} 的客户进行分群。符合多条规则的客户只计入优先顺序中的第一个客户群：{order}。",
    },
    "seg.rule_maintain": {"en": "matches no rule above", "zh": "不符合以上任何规则"},
    "seg.rule_dropped": {
        "en": "(left out, no data: {conditions})",
        "zh": "（缺少数据，未使用：{conditions}）",
    },
    "seg.not_applicable": {
        "en": "{segment}: the condition(s) {conditions} are not applicable because the data has no such values; the rule was applied without them.",
        "zh": "{segment}：数据中没有相应字段，条件 {conditions} 不适用，已在规则中省略。",
    },
    "seg.tier": {"en": "Tier", "zh": "层级"},
    "seg.spend_share": {"en": "Share of 12-month spend", "zh": "近12个月消费占比"},
    "seg.empty": {
        "en": "No customer falls into: {segments}. Check the thresholds in the params file before planning activities for them.",
        "zh": "以下客户群没有客户：{segments}。请先检查参数文件中的阈值，再为其策划活动。",
    },
    "seg.lists_written": {
        "en": "{count:,} customers in {segment}: list written to {file} (not shown here).",
        "zh": "{segment}：{count:,} 位客户，名单已写入 {file}（报告中不展示）。",
    },
    "word.total": {"en": "Total", "zh": "合计"},
    "dimension.industry": {"en": "Industry", "zh": "行业"},
    "dimension.size": {"en": "Company size", "zh": "企业规模"},
    "dimension.region": {"en": "Region", "zh": "区域"},
    "feature.spend_12m": {"en": "12-month spend", "zh": "近12个月消费额"},
    "feature.orders_12m": {"en": "Orders (12 months)", "zh": "近12个月订单数"},
    "feature.recency_days": {
        "en": "Days since last order (median)",
        "zh": "距上次下单天数（中位数）",
    },
    "feature.tenure_years": {"en": "Tenure (years)", "zh": "合作年限（年）"},
    "feature.latest_nps": {"en": "Latest NPS score (0-10)", "zh": "最近推荐意愿（0-10）"},
    "feature.latest_satisfaction": {"en": "Latest satisfaction (1-5)", "zh": "最近满意度（1-5）"},
    "feature.complaints_12m": {"en": "Complaints (12 months)", "zh": "近12个月投诉数"},
    "focus.core": {
        "en": "Exclusive benefits, executive contact and tailored service",
        "zh": "专属权益、高层对接、定制化服务",
    },
    "focus.growth": {
        "en": "Product training, resources and case sharing",
        "zh": "产品培训、资源支持、案例分享",
    },
    "focus.churn_risk": {
        "en": "Solve their problems, incentives and care",
        "zh": "解决问题、激励挽留、关怀回访",
    },
    "focus.new": {
        "en": "Onboarding, after-sales support and community",
        "zh": "新手引导、售后支持、社群运营",
    },
    "tag.core": {"en": "core rule", "zh": "核心规则"},
    "tag.churn_risk": {"en": "churn signal", "zh": "流失信号"},
    "tag.growth": {"en": "growing", "zh": "增长中"},
    "tag.new": {"en": "new", "zh": "新客"},
    "chart.segment_sizes": {"en": "Customers per segment", "zh": "各客户群人数"},
    "chart.spend_by_segment": {
        "en": "12-month spend by segment (log scale)",
        "zh": "各客户群近12个月消费额（对数刻度）",
    },
    "chart.structure": {
        "en": "Customers by {dimension} and segment",
        "zh": "按{dimension}与客户群划分的客户数",
    },
}
