"""Labels of the segmentation stage: headings, table columns, sentences, rule words and charts."""

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
    "seg.tenure_from_orders": {
        "en": "The customers table has no start of cooperation (customers.since), so tenure counts from each customer's first order in the data; the longest is {years} years, and rules on tenure (e.g. core: 3 years) can only be met within that history. Map customers.since in the params file if the export has it.",
        "zh": "客户表中没有合作开始日期（customers.since），合作年限按数据中每位客户的首次下单计算；最长为 {years} 年，涉及合作年限的规则（如核心客户需满3年）只能在此范围内满足。如导出数据中有该字段，请在参数文件中映射 customers.since。",
    },
    "seg.empty": {
        "en": "No customer falls into: {segments}. Check the thresholds in the params file before planning activities for them.",
        "zh": "以下客户群没有客户：{segments}。请先检查参数文件中的阈值，再为其策划活动。",
    },
    "seg.lists_written": {
        "en": "{count} customers in {segment}: list written to {file} (not shown here).",
        "zh": "{segment}：{count} 位客户，名单已写入 {file}（报告中不展示）。",
    },
    "seg.no_structure": {
        "en": "The customers table has no industry, company size or region, so there is no structure view. Map customers.industry, customers.size or customers.region in the params file if the export has them.",
        "zh": "客户表中没有行业、企业规模或区域字段，因此无法展示客户结构。如导出数据中有这些字段，请在参数文件中映射 customers.industry、customers.size 或 customers.region。",
    },
    "seg.alt.sizes": {
        "en": "Bar chart of the number of customers in each segment.",
        "zh": "条形图：各客户群的客户数。",
    },
    "seg.alt.spend": {
        "en": "Box plots of the 12-month spend of each segment's customers on a log scale that includes 0: the box holds the middle half of the customers, the line in it the median. The {zero} customers without spend (or with a net spend below 0) are drawn at 0.",
        "zh": "箱线图：各客户群客户近12个月消费额（含 0 的对数刻度），箱体为中间一半的客户，箱内的线为中位数。没有消费（或净消费低于 0）的 {zero} 位客户画在 0 处。",
    },
    "seg.repeated_first": {
        "en": "{rows} rows of the {table} table repeated the customer id of another row; the first row of each customer was kept (data.tables.{table}.on_duplicate: first).",
        "zh": "{table} 表中有 {rows} 行与其他行的客户编号重复；每位客户保留第一行（data.tables.{table}.on_duplicate: first）。",
    },
    "seg.repeated_last": {
        "en": "{rows} rows of the {table} table repeated the customer id of another row; the last row of each customer was kept (data.tables.{table}.on_duplicate: last).",
        "zh": "{table} 表中有 {rows} 行与其他行的客户编号重复；每位客户保留最后一行（data.tables.{table}.on_duplicate: last）。",
    },
    "seg.unknown_customers": {
        "en": "{orders} orders ({share} of all orders) belong to customers who are not in the customers table; they are left out of the segments (the run refuses more than data.max_orphan_share).",
        "zh": "有 {orders} 笔订单（占全部订单的 {share}）属于客户表中没有的客户，未计入分群（超过 data.max_orphan_share 时运行将被拒绝）。",
    },
    "seg.lines_by_order_id": {
        "en": "{lines} order lines were summed into {orders} orders by their order id.",
        "zh": "{lines} 条订单明细按订单号合并为 {orders} 笔订单。",
    },
    "seg.lines_by_time": {
        "en": "The export has no order id, so the {lines} order lines were grouped into {orders} orders: the lines of one customer with the same timestamp make one order.",
        "zh": "导出数据中没有订单号，{lines} 条订单明细按客户与下单时间合并为 {orders} 笔订单：同一客户同一时间的明细算作一笔订单。",
    },
    "seg.returns_net": {
        "en": "{orders} orders in the spend window have a negative amount (returns and cancellations, {amount} in total); they were subtracted from the spend of the window they fall in (segmentation.returns: net).",
        "zh": "消费统计期内有 {orders} 笔订单金额为负（退货与取消，合计 {amount}），已从其所在时间窗口的消费额中扣除（segmentation.returns: net）。",
    },
    "seg.returns_drop": {
        "en": "{orders} orders in the spend window have a negative amount (returns and cancellations, {amount} in total); they were left out, so spend counts purchases only (segmentation.returns: drop).",
        "zh": "消费统计期内有 {orders} 笔订单金额为负（退货与取消，合计 {amount}），未计入消费额，消费额只统计购买（segmentation.returns: drop）。",
    },
    "seg.negative_spend": {
        "en": "{customers} customers have a net spend below 0 (returns of earlier purchases); they count as 0 for the spend percentile and the tier shares.",
        "zh": "{customers} 位客户的净消费额低于 0（退回了更早的购买），在消费百分位和分层占比中按 0 计。",
    },
    "seg.percentile_buyers": {
        "en": "Spend percentiles rank the {buyers} customers with a purchase in the {months} months to {date} among themselves, by spend rounded to cents; the {others} customers without a purchase have no percentile, match no rule on it and are counted on their own.",
        "zh": "消费百分位只在截至 {date} 的 {months} 个月内有购买的 {buyers} 位客户之间排名（消费额按分取整）；没有购买的 {others} 位客户没有百分位，不符合任何百分位规则，单独统计。",
    },
    "seg.growth_from_zero": {
        "en": "(growth from a previous spend of 0 or less to a positive spend is unlimited: it meets any growth threshold)",
        "zh": "（前期消费额为 0 或更低而本期为正时，增长率视为无穷大，满足任何增长阈值）",
    },
    "seg.tier_rules": {
        "en": "Tier rules, tried in the order lost, premium, potential; a customer gets the first that holds:",
        "zh": "分层规则按流失、优质、潜力的顺序判断，客户归入第一个满足的层级：",
    },
    "seg.rule_ordinary": {"en": "matches no tier rule above", "zh": "不符合以上任何分层规则"},
    "seg.alt.structure": {
        "en": "Heat map of the number of customers by {dimension} and segment; darker cells hold more customers.",
        "zh": "热力图：按{dimension}与客户群划分的客户数，颜色越深客户越多。",
    },
    "word.total": {"en": "Total", "zh": "合计"},
    "word.and": {"en": "and", "zh": "且"},
    "word.or": {"en": "or", "zh": "或"},
    "rule.spend_12m": {"en": "12-month spend", "zh": "近12个月消费额"},
    "rule.spend_12m_pct": {"en": "12-month spend percentile", "zh": "近12个月消费额百分位"},
    "rule.orders_12m": {"en": "orders in 12 months", "zh": "近12个月订单数"},
    "rule.orders_3m": {"en": "orders in 3 months", "zh": "近3个月订单数"},
    "rule.recency_days": {"en": "days since last order", "zh": "距上次下单天数"},
    "rule.tenure_days": {"en": "tenure (days)", "zh": "合作天数"},
    "rule.tenure_months": {"en": "tenure (months)", "zh": "合作月数"},
    "rule.tenure_years": {"en": "tenure (years)", "zh": "合作年限"},
    "rule.spend_6m": {"en": "spend in the last 6 months", "zh": "近6个月消费额"},
    "rule.spend_prev_6m": {"en": "spend in the 6 months before", "zh": "前6个月消费额"},
    "rule.spend_growth_6m": {"en": "6-month spend growth", "zh": "近6个月消费增长率"},
    "rule.latest_satisfaction": {"en": "latest satisfaction (1-5)", "zh": "最近满意度（1-5）"},
    "rule.latest_nps": {"en": "latest NPS score (0-10)", "zh": "最近推荐意愿（0-10）"},
    "rule.complaints_12m": {"en": "complaints in 12 months", "zh": "近12个月投诉数"},
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
