"""Labels of the evaluation stage (04_evaluation): headings, table columns, sentences, chart words."""

LABELS = {
    # ---- headings
    "ev.h.summary": {"en": "Summary", "zh": "评估概要"},
    "ev.h.scorecard": {"en": "Scorecard", "zh": "效果记分卡"},
    "ev.h.effects": {"en": "Effects: treatment vs control", "zh": "活动效果：实验组与对照组对比"},
    "ev.h.before_after": {"en": "Before and after", "zh": "活动前后对比"},
    "ev.h.did": {"en": "Difference in differences", "zh": "双重差分"},
    "ev.h.churn": {"en": "Churn and complaints", "zh": "流失率与投诉率"},
    "ev.h.cuped_table": {
        "en": "Precision with the table's pre-period column (CUPED)",
        "zh": "利用结果表中的活动前数据提高精度（CUPED）",
    },
    "ev.h.cuped": {
        "en": "Precision with pre-campaign data (CUPED)",
        "zh": "利用活动前数据提高精度（CUPED）",
    },
    "ev.h.mann_whitney": {"en": "Satisfaction scores: rank test", "zh": "满意度评分：秩和检验"},
    "ev.h.paired": {"en": "Customers surveyed before and after", "zh": "活动前后均参与调研的客户"},
    "ev.h.feedback": {"en": "Customer feedback against the standards", "zh": "客户反馈与评估标准"},
    "ev.h.return": {"en": "Return on the campaign", "zh": "投入产出分析"},
    "ev.h.budget": {"en": "Budget vs actual", "zh": "预算与实际支出"},
    "ev.h.process": {"en": "Process efficiency", "zh": "流程效率"},
    "ev.h.design": {"en": "Checks of the experiment", "zh": "实验设计检查"},
    "ev.h.srm": {"en": "Group sizes against the plan", "zh": "分组规模与计划对比"},
    "ev.h.balance": {
        "en": "Were the groups alike before the campaign?",
        "zh": "活动前各组是否可比",
    },
    "ev.h.retrospective": {"en": "Retrospective", "zh": "复盘"},
    "ev.h.successes": {"en": "What worked", "zh": "成功经验"},
    "ev.h.improve": {"en": "What to improve", "zh": "待改进之处"},
    "ev.h.notes": {"en": "Analyst's notes", "zh": "分析师备注"},
    # ---- metrics, units, words
    "ev.metric.repurchase_rate": {"en": "Repurchase rate", "zh": "复购率"},
    "ev.metric.repeat_purchase_rate": {"en": "Repeat-purchase rate", "zh": "重复购买率"},
    "ev.metric.spend_per_customer": {"en": "Spend per customer", "zh": "客均消费额"},
    "ev.metric.churn_rate": {"en": "Churn rate", "zh": "流失率"},
    "ev.metric.complaint_rate": {"en": "Complaint rate", "zh": "投诉率"},
    "ev.metric.mean_satisfaction": {"en": "Mean satisfaction (1-5)", "zh": "平均满意度（1-5分）"},
    "ev.metric.csat": {"en": "CSAT (share of 4-5 scores)", "zh": "满意率（4-5分占比）"},
    "ev.metric.nps": {"en": "NPS", "zh": "净推荐值（NPS）"},
    "ev.segment.unknown": {"en": "Not segmented", "zh": "未分群"},
    "ev.unit.pp": {"en": " pp", "zh": " 个百分点"},
    "ev.unit.points": {"en": " pts", "zh": " 分"},
    "ev.met": {"en": "met", "zh": "达标"},
    "ev.not_met": {"en": "not met", "zh": "未达标"},
    "ev.flag.yes": {"en": "check", "zh": "需核查"},
    "ev.flag.no": {"en": "ok", "zh": "正常"},
    "ev.grade.excellent": {"en": "excellent", "zh": "优秀"},
    "ev.grade.good": {"en": "good", "zh": "良好"},
    "ev.grade.fair": {"en": "fair", "zh": "一般"},
    "ev.grade.poor": {"en": "poor", "zh": "较差"},
    "ev.grade.na": {"en": "cannot be graded", "zh": "无法评级"},
    "ev.adjustment.holm": {"en": "the Holm method", "zh": "Holm 法"},
    "ev.adjustment.fdr_bh": {
        "en": "the Benjamini-Hochberg method (false discovery rate)",
        "zh": "Benjamini-Hochberg 法（控制错误发现率）",
    },
    "ev.source.plan": {"en": "the plan stage's random assignment", "zh": "策划阶段的随机分组"},
    "ev.source.data": {
        "en": "the assignment table supplied with the data",
        "zh": "数据中提供的分组表",
    },
    "ev.source.contacts": {
        "en": "the invited customers (no control group)",
        "zh": "受邀客户（无对照组）",
    },
    "ev.source.outcome_table": {"en": "the supplied outcome table", "zh": "提供的结果数据表"},
    "ev.basis.actual": {"en": "actual", "zh": "实际"},
    "ev.basis.planned": {"en": "planned", "zh": "计划"},
    "ev.basis.mixed": {
        "en": "actual where known, else planned",
        "zh": "有实际值用实际值，否则用计划值",
    },
    "ev.basis.none": {"en": "no cost data", "zh": "无成本数据"},
    "ev.cost.staff": {"en": "Staff", "zh": "人力成本"},
    "ev.cost.marketing": {"en": "Marketing", "zh": "营销推广"},
    "ev.cost.technology": {"en": "Technology", "zh": "技术支持"},
    "ev.cost.venue": {"en": "Venue", "zh": "场地费用"},
    "ev.cost.research": {"en": "Research", "zh": "调研费用"},
    "ev.cost.contingency": {"en": "Contingency", "zh": "备用金"},
    # ---- table columns
    "ev.col.actual": {"en": "Actual", "zh": "实际值"},
    "ev.goal.note_ref": {"en": "note {n}", "zh": "注{n}"},
    "ev.goal.note_item": {"en": "Note {n}. {text}", "zh": "注{n}：{text}"},
    "ev.col.test": {"en": "Test", "zh": "检验方法"},
    "ev.col.metric": {"en": "Metric", "zh": "指标"},
    "ev.col.arm": {"en": "Group", "zh": "组别"},
    "ev.col.n": {"en": "Customers (treated / control)", "zh": "客户数（实验/对照）"},
    "ev.col.treatment": {"en": "Treatment", "zh": "实验组"},
    "ev.col.control": {"en": "Control", "zh": "对照组"},
    "ev.col.diff_ci": {"en": "Difference ({level} CI)", "zh": "差值（{level} 置信区间）"},
    "ev.col.ci": {"en": "{level} CI (unadjusted)", "zh": "{level} 置信区间（未校正）"},
    "ev.col.p_adj": {"en": "Adjusted p", "zh": "校正后 p 值"},
    "ev.col.p_raw": {"en": "Raw p", "zh": "未校正 p 值"},
    "ev.col.values": {"en": "Treated / control", "zh": "实验组/对照组"},
    "ev.col.result": {"en": "Result", "zh": "结论"},
    "ev.col.treatment_change": {"en": "Treated: before → after", "zh": "实验组：前→后"},
    "ev.col.control_change": {"en": "Control: before → after", "zh": "对照组：前→后"},
    "ev.col.did_ci": {
        "en": "Difference in differences ({level} CI)",
        "zh": "双重差分（{level} 置信区间）",
    },
    "ev.col.plain": {"en": "Plain difference (CI)", "zh": "直接差值（置信区间）"},
    "ev.col.cuped": {"en": "CUPED difference (CI)", "zh": "CUPED 差值（置信区间）"},
    "ev.col.variance_reduction": {"en": "Variance reduction", "zh": "方差降低"},
    "ev.col.pairs": {"en": "Customers", "zh": "客户数"},
    "ev.col.before": {"en": "Before", "zh": "活动前"},
    "ev.col.after": {"en": "After", "zh": "活动后"},
    "ev.col.before_after": {"en": "Before → after", "zh": "活动前→后"},
    "ev.col.change_ci": {"en": "Change ({level} CI)", "zh": "变化（{level} 置信区间）"},
    "ev.col.p_paired": {"en": "p (paired t / Wilcoxon)", "zh": "p 值（配对 t / Wilcoxon）"},
    "ev.col.superiority": {
        "en": "Chance a treated customer scores higher",
        "zh": "实验组更高的概率",
    },
    "ev.col.p_mw": {"en": "p (Mann-Whitney)", "zh": "p 值（Mann-Whitney）"},
    "ev.col.p_welch": {"en": "p (Welch, means)", "zh": "p 值（Welch 均值）"},
    "ev.col.customers": {"en": "Customers", "zh": "客户数"},
    "ev.col.indicator": {"en": "Indicator", "zh": "指标"},
    "ev.col.standard": {"en": "Standard", "zh": "标准"},
    "ev.col.met": {"en": "Met?", "zh": "是否达标"},
    "ev.col.item": {"en": "Item", "zh": "项目"},
    "ev.col.value": {"en": "Value", "zh": "数值"},
    "ev.col.category": {"en": "Category", "zh": "类别"},
    "ev.col.total": {"en": "Total", "zh": "合计"},
    "ev.col.planned": {"en": "Planned", "zh": "计划"},
    "ev.col.actual_cost": {"en": "Actual", "zh": "实际"},
    "ev.col.variance": {"en": "Actual − planned", "zh": "实际−计划"},
    "ev.col.used": {"en": "Used for ROI", "zh": "ROI 采用"},
    "ev.col.ratio": {"en": "Actual / planned", "zh": "实际/计划"},
    "ev.col.planned_share": {"en": "Planned split", "zh": "计划比例"},
    "ev.col.observed_share": {"en": "Observed split", "zh": "实际比例"},
    "ev.col.flag": {"en": "Check", "zh": "核查"},
    "ev.col.smd": {"en": "Standardized difference", "zh": "标准化差异"},
    "ev.result.better": {"en": "improved (significant)", "zh": "显著改善"},
    "ev.result.worse": {"en": "worse (significant)", "zh": "显著变差"},
    "ev.result.ns": {"en": "not significant", "zh": "不显著"},
    # ---- summary
    "ev.intro": {
        "en": "{n} customers were evaluated ({arms}); the groups come from {source}. Outcomes are measured in the {days} days after the event ({post_start} to {post_end}).",
        "zh": "共评估 {n} 位客户（{arms}），分组来自{source}。效果指标统计活动后 {days} 天（{post_start} 至 {post_end}）。",
    },
    "ev.msg.window_open": {
        "en": "The {end} end of the outcome window is after the report date ({today}): results are incomplete and will change.",
        "zh": "效果统计窗口于 {end} 结束，晚于报告日期（{today}）：结果尚不完整，之后还会变化。",
    },
    "ev.msg.data_short": {
        "en": "The data ends on {newest}, before the outcome window ends ({end}): the last days are missing, so results are incomplete.",
        "zh": "数据截至 {newest}，早于效果统计窗口结束日（{end}）：缺少最后几天的数据，结果不完整。",
    },
    "ev.msg.no_control": {
        "en": "There is no control group (no customers in the '{control}' group): this report can only show changes before and after the campaign. Such changes are not proof that the campaign caused them.",
        "zh": "没有对照组（'{control}' 组中没有客户）：本报告只能展示活动前后的变化，这些变化不能证明是活动带来的。",
    },
    "ev.msg.no_control_contacts": {
        "en": "No random assignment was found, so the evaluation uses the invited customers and has no control group: this report can only show changes before and after the campaign, which are not proof that the campaign caused them.",
        "zh": "未找到随机分组，因此以受邀客户作为评估对象，没有对照组：本报告只能展示活动前后的变化，不能证明变化由活动带来。",
    },
    "ev.msg.srm": {
        "en": "The group sizes do not match the planned split (see the checks of the experiment): the assignment or the data may be broken, so treat the effects with caution.",
        "zh": "各组人数与计划比例不符（见实验设计检查）：分组或数据可能有问题，请谨慎解读活动效果。",
    },
    "ev.msg.imbalance": {
        "en": "Some groups already differed before the campaign (see the balance check); the before-and-after comparisons account for such differences.",
        "zh": "部分组别在活动前已存在差异（见可比性检查）；活动前后对比分析可以修正这类差异。",
    },
    "ev.msg.skipped_metrics": {
        "en": "Not evaluated because the data has no values for them: {metrics}.",
        "zh": "数据中缺少相应字段，以下指标未评估：{metrics}。",
    },
    "ev.goals.source.plan": {"en": "Goals from the campaign plan.", "zh": "目标来自活动策划。"},
    "ev.goals.source.params": {
        "en": "Goals from the evaluation settings.",
        "zh": "目标来自评估参数设置。",
    },
    "ev.goals.source.none": {"en": "", "zh": ""},
    "ev.goals.actual": {
        "en": "Actual: the treated customers of the goal's scope after the campaign.",
        "zh": "实际值：目标范围内实验组客户活动后的数值。",
    },
    "ev.goals.baseline.measured": {
        "en": "Baseline (measured): measured here on the same treated customers before the campaign started.",
        "zh": "基线（实测）：本次评估对同一批实验组客户在活动开始前的实测值。",
    },
    "ev.goals.baseline.plan": {
        "en": "Baseline (plan): measured by the campaign plan before the groups were drawn, on all customers of the goal's scope (treatment and control together), not on the treated customers alone.",
        "zh": "基线（策划）：活动策划在分组前测得，覆盖目标范围内的全部客户（实验组与对照组合计），并非仅实验组客户。",
    },
    "ev.goals.baseline.plan_cohort": {
        "en": "Baseline (plan, earlier cohort): measured by the campaign plan on the customers the segment rule picked one window earlier, which are different customers: it shows where a comparable group stood, not how these customers changed.",
        "zh": "基线（策划，往期同类客户）：活动策划按同一分群规则在前一个窗口选出的客户上测得，与本次客户不是同一批人：它反映的是可比客户群的水平，而非这批客户自身的变化。",
    },
    "ev.goals.baseline.given": {
        "en": "Baseline (given): as set in the evaluation settings.",
        "zh": "基线（设定）：评估参数中给定的数值。",
    },
    "ev.goals.attainment": {
        "en": "Attainment of a level goal = actual ÷ target (target ÷ actual when lower is better); of a change goal (+15%, +0.2 points) = (actual − baseline) ÷ (target − baseline), the share of the asked-for change achieved. A goal whose actual is worse than its baseline is graded {lowest} at most. Reaching a goal does not show that the campaign caused it; the comparison with the control group does.",
        "zh": "水平目标的达成率 = 实际值 ÷ 目标值（越低越好的指标为目标值 ÷ 实际值）；变化目标（如 +15%、+0.2 分）的达成率 = （实际值 − 基线）÷（目标值 − 基线），即实现了所要求变化的比例。实际值比基线更差的目标，评级最高为“{lowest}”。达成目标不能说明是活动带来的，需看与对照组的比较。",
    },
    "ev.goal.tag.measured": {"en": " (measured)", "zh": "（实测）"},
    "ev.goal.tag.plan": {"en": " (plan)", "zh": "（策划）"},
    "ev.goal.tag.plan_cohort": {"en": " (plan, earlier cohort)", "zh": "（策划，往期同类客户）"},
    "ev.goal.tag.given": {"en": " (given)", "zh": "（设定）"},
    "ev.goal.check.wrong_side": {
        "en": "The target is not on the improving side of the baseline, so progress is not shown.",
        "zh": "目标值不在基线的改善方向一侧，因此不显示进展。",
    },
    "ev.goal.check.worse": {
        "en": "The actual is worse than the baseline, so the grade is {lowest} at most.",
        "zh": "实际值比基线更差，因此评级最高为“{lowest}”。",
    },
    "ev.sep.sentence": {"en": " ", "zh": ""},
    "ev.sep.list": {"en": ", ", "zh": "、"},
    "ev.sep.slash": {"en": " / ", "zh": " / "},
    # ---- number patterns (the numbers come formatted from report.format)
    "ev.fmt.ratio": {"en": "1:{value}", "zh": "1∶{value}"},
    "ev.fmt.per_unit": {"en": "{value} per {one} spent", "zh": "每投入 {one} 回报 {value}"},
    "ev.fmt.per_unit_loss": {
        "en": "a loss of {value} per {one} spent",
        "zh": "每投入 {one} 亏损 {value}",
    },
    "ev.fmt.loss_range": {"en": "a loss of {range}", "zh": "亏损 {range}"},
    "ev.fmt.with_unit": {"en": "{name}, {unit}", "zh": "{name}（{unit}）"},
    "ev.fmt.primary": {"en": "{segment} (primary)", "zh": "{segment}（主要比较）"},
    "ev.fmt.pair_p": {"en": "{t} / {wilcoxon}", "zh": "{t} / {wilcoxon}"},
    "ev.fmt.with_ci": {"en": "{value} ({ci})", "zh": "{value}（{ci}）"},
    "ev.fmt.pair": {"en": "{treatment} / {control}", "zh": "{treatment} / {control}"},
    "ev.fmt.change": {"en": "{before} → {after}", "zh": "{before} → {after}"},
    "ev.fmt.at_least": {"en": "≥ {value}", "zh": "≥ {value}"},
    "ev.fmt.at_most": {"en": "≤ {value}", "zh": "≤ {value}"},
    "ev.fmt.arm_count": {"en": "{arm} {n}", "zh": "{arm} {n}"},
    "ev.fmt.exact_p": {"en": "{p} †", "zh": "{p} †"},
    "ev.fmt.metric_segment": {"en": "{metric} ({segment})", "zh": "{metric}（{segment}）"},
    "ev.goal.label": {"en": "{name} · {segment}", "zh": "{name} · {segment}"},
    "ev.goal.check_item": {"en": "{goal}: {check}", "zh": "{goal}：{check}"},
    "ev.roi.no_costs": {
        "en": "ROI cannot be computed: no campaign costs were supplied.",
        "zh": "无法计算 ROI：未提供活动成本数据。",
    },
    "ev.roi.gross_only": {
        "en": "Without a control group only the gross return can be computed: {gross}. It counts all revenue of treated customers, including what they would have bought anyway, so it overstates the return.",
        "zh": "没有对照组，只能计算毛回报：{gross}。它计入实验组客户的全部收入（包括本来就会发生的购买），因此会高估回报。",
    },
    "ev.roi.no_value": {
        "en": "ROI cannot be computed: no value metric (such as spend) was evaluated.",
        "zh": "无法计算 ROI：未评估价值类指标（如消费额）。",
    },
    # ---- effects
    "ev.effects.where.data": {
        "en": "Each treatment group is compared with the {control} group on customers' outcomes in the {days} days after the event ({start} to {end}).",
        "zh": "各实验组与{control}比较活动后 {days} 天（{start} 至 {end}）内的客户表现。",
    },
    "ev.effects.where.table": {
        "en": "Each treatment group is compared with the {control} group on the outcome table's columns (one row per customer, no dates).",
        "zh": "各实验组与{control}比较结果表中的各列（每位客户一行，不含日期）。",
    },
    "ev.effects.where.table_label": {
        "en": "Each treatment group is compared with the {control} group on the outcome table's columns (one row per customer, no dates; the outcomes measure: {window}).",
        "zh": "各实验组与{control}比较结果表中的各列（每位客户一行，不含日期；结果的统计口径：{window}）。",
    },
    "ev.effects.method": {
        "en": "Rates: unpooled z-test with its Wald interval; averages: Welch's t-test; NPS: z-test on the difference in points. Intervals are {level} confidence intervals and are not adjusted for multiple testing; p-values are shown raw and adjusted within their family (below), and 'significant' means an adjusted p below {alpha}. Relative lifts use the delta method on the log ratio.",
        "zh": "比率类指标采用非合并方差 z 检验及 Wald 置信区间；均值类指标采用 Welch t 检验；NPS 采用差值 z 检验（单位为分）。置信区间为 {level} 置信区间，未做多重检验校正；p 值同时给出原始值和在其所属比较组内（见下）校正后的值，“显著”指校正后 p 值低于 {alpha}。相对提升采用对数比的 delta 法计算。",
    },
    "ev.effects.exact_note": {
        "en": "† Few customers with (or without) the outcome in a group: Fisher's exact test and the Newcombe interval were used instead.",
        "zh": "† 某组中发生（或未发生）该结果的客户过少：改用 Fisher 精确检验和 Newcombe 置信区间。",
    },
    "ev.effects.no_control": {
        "en": "There is no control group, so the campaign's effects cannot be separated from what would have happened anyway. See the before-and-after section, and read it with care.",
        "zh": "没有对照组，无法将活动效果与自然变化区分开。请参阅活动前后对比部分，并谨慎解读。",
    },
    "ev.effects.none": {"en": "No comparison could be made.", "zh": "无法进行任何比较。"},
    "ev.skipped.empty_control": {
        "en": "{metric}, {segment}: no control customers with a value, so no comparison.",
        "zh": "{metric}（{segment}）：对照组没有可用数据，无法比较。",
    },
    "ev.skipped.empty_treatment": {
        "en": "{metric}, {segment}: no customers of {arm} with a value, so no comparison.",
        "zh": "{metric}（{segment}）：{arm} 没有可用数据，无法比较。",
    },
    # ---- before and after
    "ev.windows": {
        "en": "Before: {pre_start} to {pre_end}, the {days} days ending the day before the first invitations on {start}. After: {post_start} to {post_end}, the {days} days after the event on {event}. The promotion and the event ({start} to {event}) are in neither window.",
        "zh": "活动前：{pre_start} 至 {pre_end}，即 {start} 首批邀请发出前一天为止的 {days} 天。活动后：{post_start} 至 {post_end}，即 {event} 活动之后的 {days} 天。推广期和活动当天（{start} 至 {event}）不计入任何一个窗口。",
    },
    "ev.churn.definition": {
        "en": "Churn rate: among customers active before the campaign, meaning an order in the {months} months before it started ({active_start} to {active_end}; the campaign started on {start}), the share with no order in the window. The same customers count in both windows, so orders during the promotion do not change who is counted.",
        "zh": "流失率：在活动前活跃的客户中（活跃指活动开始前 {months} 个月内有订单，即 {active_start} 至 {active_end}；活动于 {start} 开始），窗口内没有订单的客户占比。两个窗口统计的是同一批客户，推广期内的订单不会改变统计对象。",
    },
    "ev.did.method": {
        "en": "Change from before to after in the treatment group minus the change in the control group, so that changes that hit everyone (season, market) cancel out. z-test with a {level} interval, treating the four group-period cells as independent samples (conservative when the same customers appear in both periods); p-values are not adjusted.",
        "zh": "实验组活动前后的变化减去对照组的变化，从而抵消季节、市场等对所有客户的共同影响。采用 z 检验及 {level} 置信区间，将四个组别-时期单元视为独立样本（同一批客户出现在两个时期时结果偏保守）；p 值未校正。",
    },
    "ev.did.none": {
        "en": "No before-period data to compare with.",
        "zh": "缺少活动前数据，无法对比。",
    },
    "ev.churn.none": {
        "en": "Churn and complaint rates were not evaluated (no data).",
        "zh": "未评估流失率和投诉率（无数据）。",
    },
    "ev.sentence.change": {
        "en": "{metric}: changed by {t_change} in {arm} and {c_change} in {control}; difference in differences {did} ({level} CI {ci}).",
        "zh": "{metric}：{arm}变化 {t_change}，{control}变化 {c_change}；双重差分 {did}（{level} 置信区间 {ci}）。",
    },
    "ev.cuped.method_table": {
        "en": "The same comparison adjusted for each customer's value in the table's pre-period column, {column} (CUPED): it removes part of the customer-to-customer noise, so the interval is narrower while the effect it estimates is the same. {level} intervals, not adjusted.",
        "zh": "用结果表中每位客户的活动前数值（{column} 列）对同一比较进行调整（CUPED）：去除部分客户间差异带来的噪声，使置信区间更窄，而估计的效果不变。{level} 置信区间，未校正。",
    },
    "ev.cuped.method": {
        "en": "The same comparison adjusted for each customer's value before the campaign (CUPED): it removes part of the customer-to-customer noise, so the interval is narrower while the effect it estimates is the same. Computed from sums per group inside the database; {level} intervals, not adjusted. Survey scores are not adjusted, because requiring an earlier answer would change who is compared.",
        "zh": "用每位客户活动前的数值对同一比较进行调整（CUPED）：去除部分客户间差异带来的噪声，使置信区间更窄，而估计的效果不变。在数据库内按组汇总计算；{level} 置信区间，未校正。调研评分不做此调整，因为要求客户此前也有回答会改变比较对象。",
    },
    "ev.cuped.none": {
        "en": "No metric has a before value for every customer.",
        "zh": "没有适用的指标。",
    },
    "ev.mw.method": {
        "en": "Satisfaction is an ordered 1-5 score, so a rank test (Mann-Whitney U) is shown beside the test on means; both tests unadjusted.",
        "zh": "满意度为 1-5 分的有序评分，因此在均值检验旁同时给出秩和检验（Mann-Whitney U）；两者均未校正。",
    },
    "ev.mw.none": {"en": "No 1-5 scores to compare.", "zh": "没有可比较的 1-5 分评分。"},
    "ev.paired.method": {
        "en": "Customers who answered a survey both before and after: the change in their own scores, with a paired t-test ({level} interval) and the Wilcoxon signed-rank test, unadjusted. The control group's change shows how much scores move without the campaign.",
        "zh": "活动前后均参与调研的客户自身评分的变化，采用配对 t 检验（{level} 置信区间）和 Wilcoxon 符号秩检验，均未校正。对照组的变化反映了没有活动时评分的自然波动。",
    },
    "ev.paired.none": {
        "en": "No customer answered in both periods.",
        "zh": "没有客户在两个时期均参与调研。",
    },
    "ev.paired.too_many": {
        "en": "More than {n} customers answered in both periods; the paired test was skipped to keep the evaluation inside the database.",
        "zh": "两个时期均参与调研的客户超过 {n} 位；为保持在数据库内完成计算，未做配对检验。",
    },
    "ev.ba.not_causal": {
        "en": "Without a control group these are changes over time, not effects of the campaign: season, the market or anything else that happened in the meantime can cause them too.",
        "zh": "没有对照组，以下仅为随时间的变化，而非活动效果：季节、市场或期间发生的其他事情都可能导致这些变化。",
    },
    "ev.ba.rtm": {
        "en": "Regression to the mean: customers in {segments} were selected because their scores or purchases were low, and low values tend to rise again on their own. These customers would likely improve even if the campaign did nothing.",
        "zh": "均值回归：{segments}的客户是因评分或购买偏低而被选中的，而偏低的数值往往会自行回升。即使活动没有任何作用，这些客户也很可能出现改善。",
    },
    "ev.ba.method": {
        "en": "The same customers before and after. Yes/no outcomes (rates): McNemar's test, which compares the customers who went from yes to no with those who went from no to yes, with a {level} Wald interval for the change. Averages: for each customer the value after minus the value before, paired t-test with a {level} interval. NPS is compared between the two periods' respondents. p-values are unadjusted.",
        "zh": "同一批客户活动前后对比。是/否类指标（比率）：采用 McNemar 检验，比较由“是”变“否”与由“否”变“是”的客户数，并给出变化的 {level} Wald 置信区间。均值类指标：每位客户活动后数值减去活动前数值，采用配对 t 检验及 {level} 置信区间。NPS 在两个时期的受访者之间比较。p 值均未校正。",
    },
    "ev.ba.test.mcnemar": {"en": "McNemar", "zh": "McNemar 检验"},
    "ev.ba.test.paired": {"en": "paired t-test", "zh": "配对 t 检验"},
    "ev.ba.test.independent": {"en": "z-test (two periods)", "zh": "z 检验（两个时期）"},
    "ev.ba.none": {
        "en": "No before-and-after values to compare.",
        "zh": "没有可对比的活动前后数据。",
    },
    # ---- feedback
    "ev.fb.mean": {"en": "Mean satisfaction (1-5)", "zh": "平均满意度（1-5分）"},
    "ev.fb.negative": {"en": "Negative suggestions", "zh": "负面建议数"},
    "ev.fb.scope": {
        "en": "Survey answers of treated customers in the outcome window: {respondents} customers answered, {comments} comments.",
        "zh": "实验组客户在效果窗口内的调研回答：{respondents} 位客户作答，{comments} 条评论。",
    },
    "ev.fb.definition": {
        "en": "A negative suggestion is a comment marked as {sentiments}, or a comment given with a satisfaction score of {score} or lower.",
        "zh": "负面建议指被标记为 {sentiments} 的评论，或满意度评分不高于 {score} 时给出的评论。",
    },
    "ev.fb.control": {
        "en": "For comparison, the {control} gave {n} negative suggestions in the same window.",
        "zh": "作为对比，{control}在同一窗口内有 {n} 条负面建议。",
    },
    "ev.fb.none": {
        "en": "Customer feedback cannot be assessed: the data has no survey comments or scores.",
        "zh": "无法评估客户反馈：数据中没有调研评论或评分。",
    },
    # ---- return
    "ev.ret.method": {
        "en": "Incremental value: in each segment, the difference in {value} between treated and control customers times the number of treated customers, added up, times a margin rate of {margin}. It is what the campaign added beyond what the {control} shows would have happened anyway. Costs use actual amounts where known and planned amounts otherwise.",
        "zh": "增量价值：在每个客户群中，以实验组与对照组的{value}差值乘以实验组客户数，再求和，并乘以 {margin} 的利润率。它表示活动在{control}所反映的自然水平之外额外带来的价值。成本有实际值时用实际值，否则用计划值。",
    },
    "ev.ret.missing_segments": {
        "en": "Not included in the incremental value (no control customers to compare with): {segments}.",
        "zh": "以下客户群没有对照组客户可比，未计入增量价值：{segments}。",
    },
    "ev.ret.incremental_value": {
        "en": "Incremental value (vs control)",
        "zh": "增量价值（相对对照组）",
    },
    "ev.ret.cost": {"en": "Campaign cost ({basis})", "zh": "活动成本（{basis}）"},
    "ev.ret.incremental_roi": {"en": "Incremental ROI (headline)", "zh": "增量 ROI（主要指标）"},
    "ev.ret.gross_value": {
        "en": "Gross value (all revenue of treated customers)",
        "zh": "毛价值（实验组客户全部收入）",
    },
    "ev.ret.gross_roi": {
        "en": "Gross ROI (not caused by the campaign alone)",
        "zh": "毛 ROI（并非全部由活动带来）",
    },
    "ev.ret.incremental_conversions": {
        "en": "Incremental customers: {metric}",
        "zh": "增量客户数：{metric}",
    },
    "ev.ret.cost_per_conversion": {
        "en": "Cost per incremental customer: {metric}",
        "zh": "每位增量客户成本：{metric}",
    },
    "ev.budget.none": {"en": "No budget was supplied.", "zh": "未提供预算数据。"},
    "ev.basis_sentence.actual": {
        "en": "ROI uses actual costs for every category.",
        "zh": "ROI 的所有成本类别均采用实际支出。",
    },
    "ev.basis_sentence.planned": {
        "en": "No actual costs are known yet: ROI uses planned costs for every category.",
        "zh": "尚无实际支出数据：ROI 的所有成本类别均采用计划值。",
    },
    "ev.basis_sentence.mixed": {
        "en": "ROI uses actual costs where known and planned costs for: {categories}.",
        "zh": "ROI 有实际支出时用实际值，以下类别采用计划值：{categories}。",
    },
    "ev.basis_sentence.none": {"en": "", "zh": ""},
    # ---- process
    "ev.process.prep": {"en": "Preparation time (days)", "zh": "筹备时间（天）"},
    "ev.process.none": {
        "en": "Preparation time was not recorded, so process efficiency cannot be assessed.",
        "zh": "未记录筹备时间，无法评估流程效率。",
    },
    # ---- design checks
    "ev.srm.method.plan": {
        "en": "Customers per group compared with the split in the campaign plan (chi-square test); a p-value below {srm_alpha} is flagged, because then the assignment or the data is likely broken.",
        "zh": "各组客户数与活动策划中的分组比例对比（卡方检验）；p 值低于 {srm_alpha} 时标记，说明分组或数据很可能有问题。",
    },
    "ev.srm.method.params": {
        "en": "Customers per group compared with the planned split given in the evaluation settings (chi-square test); a p-value below {srm_alpha} is flagged, because then the assignment or the data is likely broken.",
        "zh": "各组客户数与评估参数中的计划比例对比（卡方检验）；p 值低于 {srm_alpha} 时标记，说明分组或数据很可能有问题。",
    },
    "ev.srm.method.none": {
        "en": "The planned split is not known, so the group sizes could not be checked against it.",
        "zh": "未知计划分组比例，无法检查各组人数。",
    },
    "ev.balance.method": {
        "en": "Each metric in the before window, by group. The standardized difference is the difference divided by the typical spread of a customer's value. In a random split small groups differ by chance; a difference is flagged when it is above {threshold} and too large to be chance (unadjusted p below alpha).",
        "zh": "各组在活动前窗口内的各项指标。标准化差异为差值除以客户数值的典型离散程度。随机分组时小组之间存在偶然差异；当差异超过 {threshold} 且难以用偶然解释（未校正 p 值低于显著性水平）时标记。",
    },
    "ev.balance.method_table": {
        "en": "The pre-period column of the outcome table by group. The standardized difference is the difference divided by the typical spread of a customer's value; a difference is flagged when it is above {threshold} and too large to be chance (unadjusted p below alpha).",
        "zh": "结果数据表中测试前数值按组对比。标准化差异为差值除以客户数值的典型离散程度；当差异超过 {threshold} 且难以用偶然解释（未校正 p 值低于显著性水平）时标记。",
    },
    "ev.balance.none": {
        "en": "No before-period data to check.",
        "zh": "缺少活动前数据，无法检查。",
    },
    "ev.balance.flagged_row": {
        "en": "{metric}, {segment}: standardized difference {smd} before the campaign.",
        "zh": "{metric}（{segment}）：活动前标准化差异为 {smd}。",
    },
    "ev.design.no_control": {
        "en": "There is no control group, so there is no experiment to check.",
        "zh": "没有对照组，无需进行实验设计检查。",
    },
    # ---- retrospective
    "ev.retro.ns_explained": {
        "en": "'Not significant' means the data could not tell an effect apart from chance, not that the campaign had no effect.",
        "zh": "“不显著”表示数据无法将效果与随机波动区分开，而不是活动没有效果。",
    },
    "ev.retro.no_control": {
        "en": "Keep a random control group next time: without it, the campaign's effect cannot be measured.",
        "zh": "下次请保留随机对照组：没有对照组就无法衡量活动效果。",
    },
    "ev.retro.nothing": {"en": "Nothing to report.", "zh": "无。"},
    "ev.retro.no_notes": {"en": "No notes were added.", "zh": "无备注。"},
    # ---- charts
    "ev.chart.budget": {"en": "Budget vs actual by category", "zh": "各类别预算与实际支出"},
    "ev.chart.planned": {"en": "Planned", "zh": "计划"},
    "ev.chart.actual": {"en": "Actual", "zh": "实际"},
    "ev.alt.did": {
        "en": "Line chart: {metric} before and after the campaign, by group: {values}.",
        "zh": "折线图：各组活动前后的{metric}：{values}。",
    },
    "ev.alt.did_arm": {"en": "{arm} {change}", "zh": "{arm} {change}"},
    "ev.alt.budget": {
        "en": "Bar chart: planned and actual cost of each of the {n} budget categories; {planned} planned in total, {actual} spent.",
        "zh": "条形图：{n} 个预算类别各自的计划与实际支出；计划合计 {planned}，实际支出 {actual}。",
    },
    "ev.chart.did": {
        "en": "{metric}: before and after by group",
        "zh": "{metric}：各组活动前后对比",
    },
    # ---- the scorecard and the method blocks
    "ev.how": {"en": "How this was computed", "zh": "计算方法说明"},
    "ev.sc.legend": {
        "en": "Each bar is a {level} confidence interval and its dot the estimate. Dashed line: no difference from the control group; solid line: the goal's target. Significant means significant after adjustment for multiple comparisons; the intervals are not adjusted, so a bar clear of zero can still be not significant. A filled bar is decided (significant, or a goal reached or missed); a hollow one is not.",
        "zh": "每个色条为 {level} 置信区间，圆点为估计值。虚线：与对照组无差异；实线：目标值。“显著”指经多重比较校正后仍显著；置信区间未做校正，因此不含零的色条也可能不显著。实心色条表示结论已明确（显著，或目标已达成、未达成），空心色条表示尚无定论。",
    },
    "ev.sc.group.goals": {"en": "Goals (primary comparisons)", "zh": "目标（主要比较）"},
    "ev.sc.group.primary": {
        "en": "Primary comparisons (named before the analysis)",
        "zh": "主要比较（分析前指定）",
    },
    "ev.sc.group.guardrails": {
        "en": "Guardrails: all customers, must not get worse",
        "zh": "护栏指标：全部客户，不应变差",
    },
    "ev.sc.group.exploratory": {
        "en": "Exploratory comparisons ({n}): leads, not results",
        "zh": "探索性比较（{n} 项）：线索而非结论",
    },
    "ev.sc.exploratory_note": {
        "en": "Adjusted within their own family: a lead to test as a goal next time, not a result.",
        "zh": "在探索性比较内部校正：可作为下次的目标加以检验，而不是本次结论。",
    },
    "ev.sc.against_control": {"en": "Against the control group", "zh": "与对照组相比"},
    "ev.sc.against_target": {"en": "Against the target", "zh": "与目标值相比"},
    "ev.sc.actual": {
        "en": "{actual} ({ci}); target {target}",
        "zh": "{actual}（{ci}）；目标 {target}",
    },
    "ev.sc.p_adjusted": {"en": "adjusted p {p}", "zh": "校正后 p 值 {p}"},
    "ev.sc.badge.reached": {"en": "Goal reached", "zh": "目标已达成"},
    "ev.sc.badge.missed": {"en": "Goal missed", "zh": "目标未达成"},
    "ev.sc.badge.too_close": {"en": "Too close to call", "zh": "尚难判断"},
    "ev.sc.badge.better": {"en": "Significantly better", "zh": "显著改善"},
    "ev.sc.badge.worse": {"en": "Significantly worse", "zh": "显著变差"},
    "ev.sc.badge.ns": {"en": "Not significant", "zh": "不显著"},
    "ev.sc.goal_note": {
        "en": "baseline {baseline}; attainment {attainment} ({grade})",
        "zh": "基线 {baseline}；达成率 {attainment}（{grade}）",
    },
    "ev.sc.with_refs": {"en": "{text}; see {refs}", "zh": "{text}；见{refs}"},
    "ev.sentiment.negative": {"en": "negative", "zh": "负面"},
    "ev.sentiment.neutral": {"en": "neutral", "zh": "中性"},
    "ev.sentiment.positive": {"en": "positive", "zh": "正面"},
}
"""Labels of the evaluation stage."""
