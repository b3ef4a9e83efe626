"""Labels of the segmentation stage: the answer, headings, columns, sentences, rules and charts."""

LABELS = {
    # the answer block
    "seg.answer.question": {
        "en": "Who should the campaign reach, and how many?",
        "zh": "本次活动应覆盖哪些客户？共多少位？",
    },
    "seg.answer.reach": {
        "en": "Reach {count} customers in {segments} segments: {share} of all {total} customers.",
        "zh": "覆盖 {segments} 个目标客户群共 {count} 位客户，占全部 {total} 位客户的 {share}。",
    },
    "seg.answer.reach_one": {
        "en": "Reach the {count} customers of {segment}: {share} of all {total} customers.",
        "zh": "覆盖{segment}共 {count} 位客户，占全部 {total} 位客户的 {share}。",
    },
    "seg.answer.rest": {
        "en": "The other {rest} customers ({names}) are not in the campaign.",
        "zh": "其余 {rest} 位客户（{names}）不在本次活动范围内。",
    },
    "seg.answer.empty": {
        "en": "No customer falls into {segments}: check the rule before planning activities for it.",
        "zh": "{segments}没有客户：请先检查规则，再为其策划活动。",
    },
    "seg.answer.nobody": {
        "en": "No customer falls into any targeted segment: check the segment rules before planning the campaign.",
        "zh": "所有目标客户群都没有客户：请先检查分群规则，再策划活动。",
    },
    "seg.answer.control": {
        "en": "The plan keeps {share} of each targeted segment as a control group that is not contacted, so that the campaign's effect can be measured.",
        "zh": "活动计划会在每个目标客户群中留出 {share} 的客户作为不接触的对照组，用于衡量活动效果。",
    },
    "seg.answer.others": {"en": "Other targeted segments", "zh": "其他目标客户群"},
    # headings
    "seg.h.summary": {"en": "Summary and data notes", "zh": "概要与数据说明"},
    "seg.h.sizes": {"en": "Segment sizes", "zh": "客户群规模"},
    "seg.h.profiles": {"en": "Segment profiles", "zh": "客户群画像"},
    "seg.h.structure": {"en": "Customer structure", "zh": "客户结构"},
    "seg.h.tiers": {"en": "Four-tier view", "zh": "四级客户分层"},
    "seg.h.focus": {"en": "What the segments mean for the campaign", "zh": "各客户群的活动重点"},
    "seg.h.lists": {"en": "Lists for sales reps", "zh": "销售跟进名单"},
    "seg.how": {"en": "How the segments were computed", "zh": "分群的计算方法"},
    # summary and data notes
    "seg.intro": {
        "en": "Customers segmented as of {date} by the rules below. A customer who matches several rules is counted once, in the first segment of this order: {order}.",
        "zh": "按以下规则对截至 {date} 的客户进行分群。符合多条规则的客户只计入以下顺序中的第一个客户群：{order}。",
    },
    "seg.item_separator": {"en": ", ", "zh": "、"},
    "seg.empty": {
        "en": "No customer falls into: {segments}. Check the thresholds in the params file before planning activities for them.",
        "zh": "以下客户群没有客户：{segments}。请先检查参数文件中的阈值，再为其策划活动。",
    },
    "seg.not_applicable": {
        "en": "{segment}: the data has no values for this part of the rule, so it was left out: {conditions}.",
        "zh": "{segment}：数据中没有相应字段，规则中的以下条件未使用：{conditions}。",
    },
    "seg.tenure_from_orders": {
        "en": "The customer data has no start date of cooperation, so tenure counts from each customer's first order in the data; the longest is {years} years, and rules on tenure (e.g. core: 3 years) can only be met within that history.",
        "zh": "客户数据中没有合作开始日期，合作年限按数据中每位客户的首次下单计算；最长为 {years} 年，涉及合作年限的规则（如核心客户需满3年）只能在此范围内满足。",
    },
    "seg.repeated_first": {
        "en": "{rows} rows of the {table} table repeated the customer id of another row; the first row of each customer was kept.",
        "zh": "{table} 表中有 {rows} 行与其他行的客户编号重复；每位客户保留第一行。",
    },
    "seg.repeated_last": {
        "en": "{rows} rows of the {table} table repeated the customer id of another row; the last row of each customer was kept.",
        "zh": "{table} 表中有 {rows} 行与其他行的客户编号重复；每位客户保留最后一行。",
    },
    "seg.unknown_customers": {
        "en": "{orders} orders ({share} of all orders) belong to customers who are not in the customers table; they are left out of the segments (a run stops when more than {limit} of the orders are of unknown customers).",
        "zh": "有 {orders} 笔订单（占全部订单的 {share}）属于客户表中没有的客户，未计入分群（超过 {limit} 时运行将停止）。",
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
        "en": "{orders} orders in the spend window have a negative amount (returns and cancellations, {amount} in total); they were subtracted from the spend of the window they fall in.",
        "zh": "消费统计期内有 {orders} 笔订单金额为负（退货与取消，合计 {amount}），已从其所在时间窗口的消费额中扣除。",
    },
    "seg.returns_drop": {
        "en": "{orders} orders in the spend window have a negative amount (returns and cancellations, {amount} in total); they were left out, so spend counts purchases only.",
        "zh": "消费统计期内有 {orders} 笔订单金额为负（退货与取消，合计 {amount}），未计入消费额，消费额只统计购买。",
    },
    "seg.negative_spend": {
        "en": "{customers} customers have a net spend below 0 (returns of earlier purchases); they count as 0 for the spend percentile and the tier shares.",
        "zh": "{customers} 位客户的净消费额低于 0（退回了更早的购买），在消费百分位和分层占比中按 0 计。",
    },
    "seg.percentile_buyers": {
        "en": "Spend percentiles rank the {buyers} customers with a purchase in the {months} months to {date} among themselves, by spend rounded to cents; the {others} customers without a purchase have no percentile, match no rule on it and are counted on their own.",
        "zh": "消费百分位只在截至 {date} 的 {months} 个月内有购买的 {buyers} 位客户之间排名（消费额按分取整）；没有购买的 {others} 位客户没有百分位，不符合任何百分位规则，单独统计。",
    },
    # segment and tier rules
    "seg.rule_maintain": {"en": "matches no rule above", "zh": "不符合以上任何规则"},
    "seg.rule_dropped": {
        "en": "(left out, no data: {conditions})",
        "zh": "（缺少数据，未使用：{conditions}）",
    },
    "seg.growth_from_zero": {
        "en": "(growth from a previous spend of 0 or less to a positive spend is unlimited: it meets any growth threshold)",
        "zh": "（前期消费额为 0 或更低而本期为正时，增长率视为无穷大，满足任何增长阈值）",
    },
    "seg.tier": {"en": "Tier", "zh": "层级"},
    "seg.spend_share": {
        "en": "Share of spend, last {months} months",
        "zh": "近{months}个月消费额占比",
    },
    "seg.tier_rules": {
        "en": "Tier rules, tried in the order lost, premium, potential; a customer gets the first that holds:",
        "zh": "分层规则按流失、优质、潜力的顺序判断，客户归入第一个满足的层级：",
    },
    "seg.rule_ordinary": {"en": "matches no tier rule above", "zh": "不符合以上任何分层规则"},
    "rule.spend": {
        "en": "spend of {cmp} in the last {months} months",
        "zh": "近{months}个月消费额{cmp}",
    },
    "rule.spend_prev_6m": {
        "en": "spend of {cmp} in the {months} months before the last {months}",
        "zh": "近{months}个月之前的{months}个月消费额{cmp}",
    },
    "rule.spend_growth_6m": {
        "en": "spend growth of {cmp} (last {months} months against the {months} before)",
        "zh": "近{months}个月消费额较之前{months}个月增长{cmp}",
    },
    "rule.spend_12m_pct": {
        "en": "a {months}-month spend percentile among buyers of {cmp}",
        "zh": "近{months}个月消费额在买家中的百分位{cmp}",
    },
    "rule.spend_rank_top": {
        "en": "in the top {share} of buyers by {months}-month spend",
        "zh": "近{months}个月消费额居买家前 {share}",
    },
    "rule.spend_rank_bottom": {
        "en": "in the bottom {share} of buyers by {months}-month spend",
        "zh": "近{months}个月消费额居买家后 {share}",
    },
    "rule.spend_rank_band": {
        "en": "in the top {upper} but not the top {lower} of buyers by {months}-month spend",
        "zh": "近{months}个月消费额居买家前 {upper} 但不在前 {lower}",
    },
    "rule.orders": {"en": "{cmp} in the last {months} months", "zh": "近{months}个月下单{cmp}"},
    "rule.no_order": {"en": "no order in the last {months} months", "zh": "近{months}个月没有下单"},
    "rule.recency_days": {"en": "a last order {cmp} ago", "zh": "距上次下单{cmp}"},
    "rule.tenure": {"en": "a customer for {cmp}", "zh": "合作{cmp}"},
    "rule.latest_satisfaction": {
        "en": "a latest satisfaction score of {cmp} out of 5",
        "zh": "最近一次五分制满意度评分{cmp}",
    },
    "rule.latest_nps": {
        "en": "a latest recommendation score of {cmp} out of 10",
        "zh": "最近一次十分制推荐意愿评分{cmp}",
    },
    "rule.complaints": {"en": "{cmp} in the last {months} months", "zh": "近{months}个月投诉{cmp}"},
    "rule.no_complaint": {
        "en": "no complaint in the last {months} months",
        "zh": "近{months}个月没有投诉",
    },
    "rule.and": {"en": ", ", "zh": "，"},
    "rule.and_last": {"en": " and ", "zh": "，且"},
    "rule.or": {"en": ", ", "zh": "、"},
    "rule.or_last": {"en": " or ", "zh": "或"},
    "rule.group": {"en": "({rule})", "zh": "（{rule}）"},
    "rule.list_separator": {"en": "; ", "zh": "；"},
    "cmp.at_least": {"en": "at least {value}", "zh": "至少 {value}"},
    "cmp.more_than": {"en": "more than {value}", "zh": "超过 {value}"},
    "cmp.at_most": {"en": "at most {value}", "zh": "不超过 {value}"},
    "cmp.less_than": {"en": "less than {value}", "zh": "不足 {value}"},
    "cmp.exactly": {"en": "exactly {value}", "zh": "恰好 {value}"},
    "cmp.other_than": {"en": "other than {value}", "zh": "不等于 {value}"},
    "cmp.between": {
        "en": "at least {low} and less than {high}",
        "zh": "不少于 {low} 且不足 {high}",
    },
    "unit.order": {"en": "{n} order", "zh": "{n} 次"},
    "unit.orders": {"en": "{n} orders", "zh": "{n} 次"},
    "unit.complaint": {"en": "{n} complaint", "zh": "{n} 次"},
    "unit.complaints": {"en": "{n} complaints", "zh": "{n} 次"},
    "unit.day": {"en": "{n} day", "zh": "{n} 天"},
    "unit.days": {"en": "{n} days", "zh": "{n} 天"},
    "unit.month": {"en": "{n} month", "zh": "{n} 个月"},
    "unit.months": {"en": "{n} months", "zh": "{n} 个月"},
    "unit.year": {"en": "{n} year", "zh": "{n} 年"},
    "unit.years": {"en": "{n} years", "zh": "{n} 年"},
    "unit.points": {"en": "{n}", "zh": "{n} 分"},
    # tables
    "word.total": {"en": "Total", "zh": "合计"},
    "seg.focus": {"en": "Campaign focus", "zh": "活动重点"},
    "seg.profile_purchases": {"en": "Purchases", "zh": "购买情况"},
    "seg.profile_feedback": {"en": "Satisfaction and complaints", "zh": "满意度与投诉"},
    "seg.structure_table": {
        "en": "The numbers as a table: customers by {dimension} and segment",
        "zh": "明细表：按{dimension}与客户群划分的客户数",
    },
    "seg.value_missing": {"en": "Not given", "zh": "未填写"},
    "dimension.industry": {"en": "Industry", "zh": "行业"},
    "dimension.size": {"en": "Company size", "zh": "企业规模"},
    "dimension.region": {"en": "Region", "zh": "区域"},
    "dimension.industry_text": {"en": "industry", "zh": "行业"},
    "dimension.size_text": {"en": "company size", "zh": "企业规模"},
    "dimension.region_text": {"en": "region", "zh": "区域"},
    "feature.spend_12m": {
        "en": "Mean spend, last {months} months",
        "zh": "近{months}个月平均消费额",
    },
    "feature.orders_12m": {
        "en": "Mean orders, last {months} months",
        "zh": "近{months}个月平均订单数",
    },
    "feature.recency_days": {
        "en": "Median days since last order",
        "zh": "距上次下单天数（中位数）",
    },
    "feature.tenure_years": {"en": "Mean tenure (years)", "zh": "平均合作年限（年）"},
    "feature.latest_nps": {
        "en": "Mean latest recommendation score (0 to 10)",
        "zh": "最近一次推荐意愿平均分（0 至 10 分）",
    },
    "feature.latest_satisfaction": {
        "en": "Mean latest satisfaction (1 to 5)",
        "zh": "最近一次满意度平均分（1 至 5 分）",
    },
    "feature.complaints_12m": {
        "en": "Mean complaints, last {months} months",
        "zh": "近{months}个月平均投诉数",
    },
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
    # the sales lists (segmentation.lists)
    "seg.lists_written": {
        "en": "{count} customers in {segment}: list written to {file} (not shown here).",
        "zh": "{segment}：{count} 位客户，名单已写入 {file}（报告中不展示）。",
    },
    "seg.no_structure": {
        "en": "The customer data has no industry, company size or region, so there is no structure view.",
        "zh": "客户数据中没有行业、企业规模或区域字段，因此无法展示客户结构。",
    },
    "tag.core": {"en": "core rule", "zh": "核心规则"},
    "tag.churn_risk": {"en": "churn signal", "zh": "流失信号"},
    "tag.growth": {"en": "growing", "zh": "增长中"},
    "tag.new": {"en": "new", "zh": "新客"},
    # charts and their alt texts
    "chart.segment_sizes": {"en": "Customers per segment", "zh": "各客户群人数"},
    "chart.spend_by_segment": {
        "en": "Spend in the last {months} months by segment (log scale)",
        "zh": "各客户群近{months}个月消费额（对数刻度）",
    },
    "chart.spend_axis": {"en": "Spend in the last {months} months", "zh": "近{months}个月消费额"},
    "chart.structure": {
        "en": "Customers by {dimension} and segment",
        "zh": "按{dimension}与客户群划分的客户数",
    },
    "seg.alt.item": {"en": "{name} {count}", "zh": "{name} {count} 位"},
    "seg.alt.median": {"en": "{name} {amount}", "zh": "{name} {amount}"},
    "seg.alt.sizes": {
        "en": "Bar chart of the number of customers in each segment: {counts}.",
        "zh": "条形图：各客户群的客户数，{counts}。",
    },
    "seg.alt.spend": {
        "en": "Box plots of each segment's spend in the last {months} months on a log scale that starts at 0; the box holds the middle half of the customers, the line in it the median. Medians: {medians}. The {zero} customers without spend (or with a net spend below 0) are drawn at 0.",
        "zh": "箱线图：各客户群客户近{months}个月消费额（含 0 的对数刻度），箱体为中间一半的客户，箱内的线为中位数。中位数：{medians}。没有消费（或净消费低于 0）的 {zero} 位客户画在 0 处。",
    },
    "seg.alt.structure": {
        "en": "Heat map of the number of customers by {dimension} and segment, each cell with its count; darker cells hold more customers. The largest cell is {segment} in {value}, with {count} customers.",
        "zh": "热力图：按{dimension}与客户群划分的客户数，每格标注人数，颜色越深客户越多。最多的一格是{value}的{segment}，共 {count} 位。",
    },
}
