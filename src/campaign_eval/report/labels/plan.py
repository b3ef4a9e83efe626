"""Labels of the plan stage: headings, table columns, checks, the answer block and charts.

The template's activity and resource texts are in ``plan_templates`` and merged here.
"""

from campaign_eval.report.labels.plan_templates import TEMPLATE_LABELS

LABELS = {
    # headings
    "plan.h.summary": {"en": "Plan at a glance", "zh": "策划概要"},
    "plan.h.goals": {"en": "Goals and baselines", "zh": "活动目标与基线"},
    "plan.h.design": {
        "en": "Can the holdout detect the goals?",
        "zh": "对照组能否检测出目标效果？",
    },
    "plan.h.roi": {"en": "What the return standard asks for", "zh": "投资回报标准的要求"},
    "plan.h.assignment": {"en": "Treatment and control groups", "zh": "实验组与对照组"},
    "plan.h.activities": {"en": "Activities per segment", "zh": "各客户群活动设计"},
    "plan.h.schedule": {"en": "Schedule", "zh": "执行计划"},
    "plan.h.budget": {"en": "Budget", "zh": "预算"},
    "plan.h.files": {"en": "Files for the team", "zh": "团队使用的文件"},
    "plan.how": {"en": "How this was computed", "zh": "计算方法"},
    # the answer block: can the plan detect its goals, and what it needs
    "plan.answer.question": {
        "en": "Can the plan detect its goals?",
        "zh": "计划能否检验出活动目标？",
    },
    "plan.answer.all": {
        "en": "Yes: the planned holdout detects all {n} goals.",
        "zh": "能：计划的对照组可以检出全部 {n} 个目标。",
    },
    "plan.answer.all_one": {
        "en": "Yes: the planned holdout detects the plan's goal.",
        "zh": "能：计划的对照组可以检出该目标。",
    },
    "plan.answer.none": {
        "en": "No: the planned holdout detects none of the {n} goals.",
        "zh": "不能：计划的对照组无法检出 {n} 个目标中的任何一个。",
    },
    "plan.answer.none_one": {
        "en": "No: the planned holdout cannot detect the plan's goal.",
        "zh": "不能：计划的对照组无法检出该目标。",
    },
    "plan.answer.some": {
        "en": "Not all: {missing} of the {n} goals cannot be detected with the planned holdout.",
        "zh": "部分不能：{n} 个目标中有 {missing} 个无法用计划的对照组检出。",
    },
    "plan.answer.no_goals": {
        "en": "Nothing to detect: the plan has no goals, so the campaign cannot be judged against any.",
        "zh": "无从检验：策划中没有目标，活动效果无法对照任何目标评判。",
    },
    "plan.answer.need_fix": {
        "en": "fix its problems first (listed under Goals and baselines)",
        "zh": "需先修正其问题（见“活动目标与基线”）",
    },
    "plan.answer.need_holdout": {
        "en": "a {power} chance at the planned holdout; a {share} holdout would be enough",
        "zh": "按计划对照组检出概率为 {power}；对照组提高到 {share} 即可",
    },
    "plan.answer.need_customers": {
        "en": "needs about {needed} measurable customers, the scope has {available}: widen the scope or lengthen the window",
        "zh": "约需 {needed} 位可衡量客户，范围内只有 {available} 位：请扩大客户范围或延长衡量周期",
    },
    "plan.answer.need_more": {
        "en": "a {power} chance at the planned holdout, and no holdout share is enough: widen the scope, lengthen the window or relax the target",
        "zh": "按计划对照组检出概率为 {power}，任何对照组比例都不够：请扩大客户范围、延长衡量周期或放宽目标",
    },
    "plan.answer.fig_goals": {"en": "Goals the holdout detects", "zh": "可检出的目标"},
    "plan.answer.k_of_n": {"en": "{k} of {n}", "zh": "{k} 个（共 {n} 个）"},
    "plan.answer.fig_goals_note": {
        "en": "each needs an {power} chance to be detected",
        "zh": "每个目标的检出概率需达 {power}",
    },
    "plan.answer.fig_targeted": {"en": "Customers targeted", "zh": "目标客户"},
    "plan.answer.fig_targeted_note": {
        "en": "{control} of them held out as control ({share})",
        "zh": "其中 {control} 位为对照组（{share}）",
    },
    "plan.answer.fig_budget": {"en": "Planned budget", "zh": "计划预算"},
    "plan.answer.fig_budget_note": {
        "en": "{per} per targeted customer",
        "zh": "每位目标客户 {per}",
    },
    "plan.answer.fig_roi": {
        "en": "Spend lift needed for ROI {standard}",
        "zh": "ROI 达到 {standard} 所需的消费额提升",
    },
    "plan.answer.fig_roi_ok": {
        "en": "the holdout detects lifts from {mde}",
        "zh": "对照组可检出 {mde} 及以上的提升",
    },
    "plan.answer.fig_roi_not_ok": {
        "en": "too small to detect: the holdout detects lifts from {mde}",
        "zh": "难以检出：对照组只能检出 {mde} 及以上的提升",
    },
    "plan.goal_unnamed": {"en": "{metric} ({scope})", "zh": "{metric}（{scope}）"},
    "plan.quoted": {"en": "'{text}'", "zh": "“{text}”"},
    # separators: Chinese text uses full-width punctuation
    "plan.sep.list": {"en": ", ", "zh": "、"},
    "plan.sep.clause": {"en": "; ", "zh": "；"},
    "plan.sep.item": {"en": "{item}: {text}", "zh": "{item}：{text}"},
    # metrics
    "plan.metric.repurchase_rate": {"en": "Repurchase rate", "zh": "复购率"},
    "plan.metric.repeat_purchase_rate": {"en": "Repeat-purchase rate", "zh": "多次购买率"},
    "plan.metric.spend_per_customer": {"en": "Spend per customer", "zh": "客均消费额"},
    "plan.metric.churn_rate": {"en": "Churn rate", "zh": "流失率"},
    "plan.metric.complaint_rate": {"en": "Complaint rate", "zh": "投诉率"},
    "plan.metric.mean_satisfaction": {"en": "Mean satisfaction (1-5)", "zh": "平均满意度（1-5）"},
    "plan.metric.csat": {"en": "CSAT (share of 4-5 scores)", "zh": "CSAT（4-5分占比）"},
    "plan.metric.nps": {"en": "NPS (points)", "zh": "NPS（净推荐值）"},
    "plan.direction.increase": {"en": "higher is better", "zh": "越高越好"},
    "plan.direction.decrease": {"en": "lower is better", "zh": "越低越好"},
    "plan.unit.pp": {"en": " pp", "zh": "个百分点"},
    "plan.filter.industry": {"en": "Industry", "zh": "行业"},
    "plan.filter.size": {"en": "Company size", "zh": "企业规模"},
    "plan.filter.region": {"en": "Region", "zh": "区域"},
    "plan.filter.owner": {"en": "Owner", "zh": "负责人"},
    # summary
    "plan.col.item": {"en": "Item", "zh": "项目"},
    "plan.col.value": {"en": "Plan", "zh": "计划"},
    "plan.sum.dates": {"en": "Dates", "zh": "时间"},
    "plan.sum.dates_value": {
        "en": "Invitations from {start}, event on {event}, follow-up done by {end}",
        "zh": "{start} 开始邀约，{event} 举办活动，{end} 前完成跟进",
    },
    "plan.sum.targeted": {"en": "Targeted customers", "zh": "目标客户"},
    "plan.sum.targeted_value": {
        "en": "{n} customers in {segments}",
        "zh": "{segments}，共 {n} 位客户",
    },
    "plan.sum.holdout": {"en": "Control group (holdout)", "zh": "对照组（保留组）"},
    "plan.sum.holdout_value": {
        "en": "{share} held out: {control} customers are not contacted, {treated} are",
        "zh": "保留 {share}：{control} 位客户不接触，{treated} 位客户参与活动",
    },
    "plan.sum.goals": {"en": "Goals", "zh": "目标"},
    "plan.sum.goals_value": {
        "en": "{n} goals: the holdout detects {powered}; {problems} have problems, listed under the goals",
        "zh": "共 {n} 个目标：对照组可检出 {powered} 个；{problems} 个存在问题，见目标部分",
    },
    "plan.sum.no_goals": {
        "en": "No goals in the params file: nothing to measure the campaign against",
        "zh": "参数文件中没有目标：活动效果无从衡量",
    },
    "plan.sum.budget": {"en": "Planned budget", "zh": "计划预算"},
    "plan.sum.budget_value": {
        "en": "{total} in all, {per} per targeted customer",
        "zh": "合计 {total}，每位目标客户 {per}",
    },
    "plan.sum.no_budget": {"en": "No budget given", "zh": "未提供预算"},
    "plan.sum.roi": {"en": "Return standard", "zh": "回报标准"},
    "plan.sum.roi_value": {
        "en": "ROI {standard} needs a spend lift of {lift}; the holdout detects lifts from {mde}",
        "zh": "ROI 达到 {standard} 需要消费额提升 {lift}；对照组可检测的最小提升为 {mde}",
    },
    "plan.sum.no_roi": {
        "en": "Not checked (no budget or no spend data)",
        "zh": "未检查（缺少预算或消费数据）",
    },
    "plan.sum.assignment": {"en": "Assignment", "zh": "分组"},
    # flags
    "plan.flag.intro": {"en": "Before anything is sent:", "zh": "发送任何邀约之前请处理："},
    "plan.flag.none": {
        "en": "Every goal is measurable with the planned holdout and the schedule holds together.",
        "zh": "所有目标均可用计划的对照组检验，执行计划无冲突。",
    },
    "plan.flag.underpowered": {
        "en": "{goal} ({metric}, {scope}) is unlikely to be detected: with a {share} holdout the chance to detect the target is {power} (needs {wanted}). Options: {options}.",
        "zh": "{goal}（{metric}，{scope}）难以检出：对照组占 {share} 时，检出目标的概率只有 {power}（需要 {wanted}）。可选：{options}。",
    },
    "plan.flag.infeasible": {
        "en": "{goal} ({metric}, {scope}) cannot be detected with any split of these customers: with a {share} holdout the test has a {power} chance (needs {wanted}). Options: {options}.",
        "zh": "{goal}（{metric}，{scope}）无论如何分组都无法检出：对照组占 {share} 时检出概率只有 {power}（需要 {wanted}）。可选：{options}。",
    },
    "plan.flag.roi_undetectable": {
        "en": "Reaching the return standard needs a spend lift of {lift}, but the holdout only detects lifts of {mde} or more: a campaign that just pays off may look like no effect.",
        "zh": "达到回报标准需要消费额提升 {lift}，但对照组只能检测 {mde} 以上的提升：刚好达标的活动可能显示为无效果。",
    },
    "plan.flag.share_changed": {
        "en": "The holdout share in the params file was changed after the campaign started, but the frozen assignment (kept from run {run}) was drawn with other shares: {changes}. The plan, its power figures, monitoring and the evaluation use the shares the groups were actually drawn with; the new params shares are ignored. Set them back to match, or give a reason for redrawing in the params file to redraw (customers already contacted would then mix into the control group).",
        "zh": "活动开始后参数文件中的对照组比例被修改，但冻结的分组（沿用运行 {run}）是按原比例生成的：{changes}。策划、检验力、监测和效果评估均按分组实际使用的比例计算，参数中的新比例不生效。请改回原比例；如确需按新比例重新分组，请在参数文件中填写重新分组的原因（已接触过的客户将混入对照组）。",
    },
    "plan.flag.share_change_item": {
        "en": "{segment} drawn with a {kept} holdout, params now say {now}",
        "zh": "{segment}分组时对照组比例为 {kept}，参数现为 {now}",
    },
    "plan.every_segment": {"en": "every targeted segment", "zh": "所有目标客户群"},
    "plan.option.window": {"en": "a longer measurement window", "zh": "延长衡量周期"},
    "plan.option.scope": {
        "en": "a larger scope (about {needed} measurable customers needed, {available} available)",
        "zh": "扩大范围（约需 {needed} 位可衡量客户，现有 {available} 位）",
    },
    "plan.option.relax": {
        "en": "a relaxed target (detectable: {target})",
        "zh": "放宽目标（可检出：{target}）",
    },
    "plan.option.holdout": {"en": "a {share} holdout", "zh": "对照组提高到 {share}"},
    # goals
    "plan.goals.intro": {
        "en": "Each baseline is the goal's metric over the window before the campaign start ({start}), on the customers of its scope as segmented on {ref}; the outcome will be measured over a window of the same length after the event. 'Earlier cohort' baselines follow the customers the same segment rule selected one window earlier, which is the honest baseline for a segment chosen for having no recent orders. Rates are shown in %, changes of rates in percentage points (pp).",
        "zh": "基线为活动开始日（{start}）之前同等长度周期内该目标指标的数值，客户范围按 {ref} 的分群确定；活动效果将在活动后同等长度的周期内衡量。“前一批客户”基线追踪的是同一分群规则在前一个周期选出的客户，对于因近期无订单而入选的客户群，这才是真实的基线。比率以 % 表示，比率的变化以百分点表示。",
    },
    "plan.col.goal": {"en": "Goal", "zh": "目标"},
    "plan.col.description": {"en": "Description", "zh": "说明"},
    "plan.col.metric": {"en": "Metric", "zh": "指标"},
    "plan.col.scope": {"en": "Customers", "zh": "客户范围"},
    "plan.col.window": {"en": "Window", "zh": "周期"},
    "plan.col.baseline_window": {"en": "Baseline measured on", "zh": "基线衡量期"},
    "plan.col.baseline": {"en": "Baseline", "zh": "基线"},
    "plan.col.target": {"en": "Target", "zh": "目标值"},
    "plan.col.direction": {"en": "Direction", "zh": "方向"},
    "plan.col.deadline": {"en": "Deadline", "zh": "截止日期"},
    "plan.col.status": {"en": "Status", "zh": "状态"},
    "plan.target_stated": {"en": "{level} ({stated})", "zh": "{level}（{stated}）"},
    "plan.window_days": {"en": "{days} days", "zh": "{days} 天"},
    "plan.baseline.pre_window": {"en": "{first} to {last}", "zh": "{first} 至 {last}"},
    "plan.baseline.earlier_cohort": {
        "en": "{first} to {last} (earlier cohort)",
        "zh": "{first} 至 {last}（前一批客户）",
    },
    "plan.status.ready": {"en": "ready", "zh": "可执行"},
    "plan.status.check": {"en": "measurable, see notes", "zh": "可衡量，请看说明"},
    "plan.status.underpowered": {"en": "not detectable", "zh": "难以检出"},
    "plan.status.fix": {"en": "fix first", "zh": "需先修正"},
    # checks
    "plan.check.did_you_mean": {"en": " Did you mean '{name}'?", "zh": "是否应为“{name}”？"},
    "plan.check.metric_unknown": {
        "en": "The metric '{metric}' is not in the catalogue.{hint} Metrics: {metrics}.",
        "zh": "指标“{metric}”不在指标目录中。{hint}可用指标：{metrics}。",
    },
    "plan.check.metric_no_data": {
        "en": "{metric} cannot be measured: the data has no {need}. Add that table to the data of the params file or choose another metric.",
        "zh": "无法衡量{metric}：数据中没有 {need}。请在参数文件的数据部分补充该表，或改用其他指标。",
    },
    "plan.check.not_targeted": {
        "en": "The goal is about {segment} customers, but the campaign does not target that segment, so there is no holdout to compare with.",
        "zh": "该目标针对{segment}，但活动未覆盖这一客户群，因此没有可比较的对照组。",
    },
    "plan.check.filter_unavailable": {
        "en": "The scope filters on {columns}, which the customers table does not have.",
        "zh": "客户范围按 {columns} 筛选，但客户表中没有该字段。",
    },
    "plan.check.scope_empty": {
        "en": "No customer is in the goal's scope: check the segment and the filter values.",
        "zh": "目标范围内没有客户：请检查客户群和筛选值。",
    },
    "plan.check.no_baseline": {
        "en": "No customer in scope has a value of {metric} from {first} to {last}, so there is no baseline to start from.",
        "zh": "{first} 至 {last} 期间，范围内没有客户有{metric}数据，无法确定基线。",
    },
    "plan.check.baseline_degenerate": {
        "en": "The baseline is {baseline} from {first} to {last}: every customer in scope is the same, usually because the segment is chosen by this very behaviour (e.g. churn risk means no recent orders). Measure this goal's baseline on the earlier cohort instead: the customers the same rule selected one window earlier.",
        "zh": "{first} 至 {last} 的基线为 {baseline}：范围内所有客户表现相同，通常是因为该客户群正是按这一行为划分的（如流失风险即近期无订单）。请改用前一批客户衡量该目标的基线，即同一规则在前一个周期选出的客户。",
    },
    "plan.check.no_variation": {
        "en": "Every customer in scope had the same value in the baseline window, so the spread needed for the sample size is unknown.",
        "zh": "基线期内范围内所有客户的数值相同，无法估计样本量所需的离散程度。",
    },
    "plan.check.deadline_missing": {
        "en": "The goal has no deadline: add one in the params file.",
        "zh": "该目标没有截止日期：请在参数文件中补充。",
    },
    "plan.check.deadline_before_start": {
        "en": "The deadline {deadline} is before the campaign starts ({start}).",
        "zh": "截止日期 {deadline} 早于活动开始日（{start}）。",
    },
    "plan.check.deadline_window": {
        "en": "The deadline {deadline} comes before the {days}-day measurement window after the event ends ({end}), so the goal cannot be graded by then.",
        "zh": "截止日期 {deadline} 早于活动后 {days} 天衡量期的结束日（{end}），届时无法评估该目标。",
    },
    "plan.check.deadline_follow_up": {
        "en": "The deadline {deadline} of the goal '{goal}' is earlier than the end of the follow-up ({end}).",
        "zh": "目标“{goal}”的截止日期 {deadline} 早于跟进阶段结束日（{end}）。",
    },
    "plan.check.direction_conflict": {
        "en": "The goal says {direction}, but for {metric} {natural}: check the direction, or the goal would be graded upside down.",
        "zh": "该目标设为“{direction}”，但{metric}应为“{natural}”：请检查方向，否则评估结果会完全颠倒。",
    },
    "plan.check.wrong_side": {
        "en": "The target {target} is not an improvement on the baseline {baseline} ({direction}).",
        "zh": "目标值 {target} 相对基线 {baseline} 并不是改进（{direction}）。",
    },
    "plan.check.out_of_range": {
        "en": "The target {target} is outside the possible range ({low} to {high}).",
        "zh": "目标值 {target} 超出可能的范围（{low} 至 {high}）。",
    },
    "plan.check.too_few": {
        "en": "The target needs about {needed} measurable customers (two equal groups), but the scope has {available}.",
        "zh": "该目标约需 {needed} 位可衡量客户（两组等量），但范围内只有 {available} 位。",
    },
    "plan.check.selection_bias": {
        "en": "Caution: {segment} customers are selected by their {basis}, which the goal's metric ({metric}) measures, so a baseline from the window just before the start is biased by that selection (customers picked for an unusual recent value drift back on their own, regression to the mean); judge the goal against the control group, or measure its baseline on the earlier cohort (the customers the same rule selected one window earlier).",
        "zh": "注意：{segment}正是按{basis}选出的，而{metric}衡量的正是这一行为，因此活动开始前紧邻周期的基线受选择偏差影响（因近期数值异常而入选的客户会自行回归平均水平，即均值回归）；请以对照组比较评估该目标，或改用前一批客户（同一规则在前一个周期选出的客户）衡量基线。",
    },
    "plan.selected_on.spend": {"en": "spend", "zh": "消费额"},
    "plan.selected_on.orders": {"en": "recent orders", "zh": "近期订单"},
    "plan.selected_on.satisfaction": {"en": "satisfaction answers", "zh": "满意度评分"},
    "plan.selected_on.nps": {
        "en": "likelihood-to-recommend (NPS) answers",
        "zh": "推荐意愿（NPS）评分",
    },
    "plan.selected_on.complaints": {"en": "complaints", "zh": "投诉"},
    "plan.check.phase_order": {
        "en": "The phase '{phase}' ends ({end}) before it starts ({start}).",
        "zh": "阶段“{phase}”的结束日（{end}）早于开始日（{start}）。",
    },
    "plan.check.phase_owner": {
        "en": "The phase '{phase}' has no owner: name one for the phase, or for the whole campaign, in the params file.",
        "zh": "阶段“{phase}”没有负责人：请在参数文件中为该阶段或整个活动指定负责人。",
    },
    # design
    "plan.design.intro": {
        "en": "For each goal: the customers needed to detect the change from baseline to target with a two-sided test at the goal's level α and {power} power, the chance to detect it with the planned holdout, the smallest change that holdout detects, and the smallest holdout that would be enough. Customers needed come from the standard sample-size formula for comparing two groups (normal approximation): the two-sample test for rates, and for means and NPS the two-sample z-test with the spread measured in the baseline window.",
        "zh": "对每个目标：在该目标的显著性水平 α（双侧检验）和 {power} 检验力下，检出从基线到目标值的变化所需的客户数，按计划对照组能检出的概率、可检出的最小变化，以及足够用的最小对照组比例。所需客户数按比较两组的标准样本量公式（正态近似）计算：比率用两样本比率检验，均值和 NPS 用基线期标准差的两样本 z 检验。",
    },
    "plan.design.alpha_family": {
        "en": "Each goal is sized at α = {alpha} / {m} = {level}: the plan's {m} goals are its primary comparisons, and the evaluation judges them with Holm's procedure, whose first step is this level. A goal powered here is at least as powered there.",
        "zh": "每个目标按 α = {alpha} / {m} = {level} 计算样本量：策划的 {m} 个目标就是评估的主要比较，评估用 Holm 法对它们做多重比较校正，其第一步的检验水平正是这一水平。在此检验力足够的目标，在评估中的检验力不会更低。",
    },
    "plan.design.alpha_one": {
        "en": "The goal is sized at α = {level}: it is the plan's only goal, so its one primary comparison, and the evaluation judges it at this same level.",
        "zh": "该目标按 α = {level} 计算样本量：它是策划中唯一的目标，也就是唯一的主要比较，评估按同一水平判定。",
    },
    "plan.col.in_scope": {"en": "Customers in scope", "zh": "范围内客户"},
    "plan.col.alpha": {"en": "Test level (α)", "zh": "检验水平（α）"},
    "plan.col.measurable": {"en": "Measurable customers", "zh": "可衡量客户"},
    "plan.col.needed": {"en": "Customers needed", "zh": "所需客户"},
    "plan.col.needed_per_arm": {
        "en": "Needed per group (equal groups)",
        "zh": "每组所需（两组等量）",
    },
    "plan.col.holdout": {"en": "Planned holdout", "zh": "计划对照组比例"},
    "plan.col.power": {"en": "Chance to detect", "zh": "检出概率"},
    "plan.col.mde": {"en": "Detects from", "zh": "最小可检出变化"},
    "plan.col.change_wanted": {"en": "Change asked for", "zh": "目标要求的变化"},
    "plan.col.recommended": {"en": "Smallest holdout that is enough", "zh": "足够的最小对照组比例"},
    "plan.col.powered": {"en": "Enough?", "zh": "是否足够"},
    "plan.none_reaches": {"en": "none", "zh": "无"},
    "plan.enough.yes": {"en": "yes", "zh": "是"},
    "plan.enough.holdout": {"en": "no: a {share} holdout would be", "zh": "否：对照组需 {share}"},
    "plan.enough.too_few": {"en": "no: too few customers", "zh": "否：客户不足"},
    "plan.enough.no_share": {"en": "no: no holdout share is", "zh": "否：任何对照组比例都不够"},
    "plan.yes": {"en": "yes", "zh": "是"},
    "plan.no": {"en": "no", "zh": "否"},
    "plan.design.measured_share": {
        "en": "{goal}: only customers with a value count ({share} of the scope had one in the baseline window, e.g. survey answers).",
        "zh": "{goal}：只有有数据的客户才计入（基线期内范围内 {share} 的客户有数据，例如问卷回答）。",
    },
    "plan.design.no_design": {
        "en": "{goal}: no sample size until the problems listed under the goals are fixed.",
        "zh": "{goal}：需先修正目标中列出的问题，才能计算样本量。",
    },
    "plan.method": {
        "en": "two-sided tests, each goal at the significance level divided by the number of goals (the first step of Holm's procedure over the goals, the evaluation's primary family); customers needed by the standard sample-size formula (normal approximation: the two-sample test for rates, the two-sample z-test with the baseline's standard deviation for means and NPS), rounded up",
        "zh": "双侧检验，每个目标的检验水平为显著性水平除以目标个数（即对各目标——评估的主要比较族——做 Holm 校正的第一步）；所需客户数按标准样本量公式计算（正态近似：比率用两样本比率检验，均值与 NPS 用基线标准差的两样本 z 检验），向上取整",
    },
    # ROI
    "plan.roi.none": {
        "en": "The return standard is not checked: there is no planned budget, no spend in the window before the campaign, or no control group.",
        "zh": "未检查回报标准：缺少计划预算、活动前周期内没有消费数据，或没有对照组。",
    },
    "plan.roi.required": {
        "en": "ROI {standard} on a planned cost of {cost} needs {value} of incremental value; at a margin rate of {margin} that is {per} of extra revenue per treated customer ({treated} treated customers).",
        "zh": "计划成本 {cost}、ROI 达到 {standard}，需要 {value} 的增量价值；按 {margin} 的毛利率计算，相当于每位实验组客户（共 {treated} 位）额外带来 {per} 的收入。",
    },
    "plan.roi.lift": {
        "en": "In the {days} days before the campaign ({first} to {last}) a targeted customer spent {spend} on average, so the campaign must lift spend by {lift} against the control group.",
        "zh": "活动前 {days} 天（{first} 至 {last}）目标客户的平均消费额为 {spend}，因此活动需使消费额相对对照组提升 {lift}。",
    },
    "plan.roi.mde_goal": {
        "en": "With {control} control customers the smallest spend lift the test detects is {mde}, at α = {level}: the goals' level, because spend per customer is the metric of the goal {goals}.",
        "zh": "对照组有 {control} 位客户时，检验在 α = {level} 下可检出的最小消费额提升为 {mde}：采用各目标的检验水平，因为消费额是目标{goals}的指标。",
    },
    "plan.roi.mde_plan": {
        "en": "With {control} control customers the smallest spend lift the test detects is {mde}, at α = {level}: the plan's significance level, because no goal is about spend per customer.",
        "zh": "对照组有 {control} 位客户时，检验在 α = {level} 下可检出的最小消费额提升为 {mde}：采用策划设定的显著性水平，因为没有以消费额为指标的目标。",
    },
    "plan.roi.ok": {
        "en": "A lift large enough for the standard would be detected.",
        "zh": "达到标准所需的提升可以被检出。",
    },
    "plan.roi.not_ok": {
        "en": "A lift just large enough for the standard would likely go undetected; judge the return with its confidence interval, not only its p-value.",
        "zh": "刚好达标的提升很可能无法被检出；评估回报时应看置信区间，而不只是 p 值。",
    },
    # assignment
    "plan.assign.intro": {
        "en": "Targeted customers are split into treatment (contacted) and control (not contacted) within each segment. Each customer's group comes from a fixed hash of the campaign's salt and the customer id: re-running the plan gives the same groups, and new customers never move existing ones. The split check compares the group sizes with the planned shares (chi-square test; flagged below p = {alpha}).",
        "zh": "目标客户在各客户群内分为实验组（接触）和对照组（不接触）。每位客户的分组由活动盐值与客户编号的固定哈希决定：重新运行得到相同分组，新增客户不会改变已有客户的分组。分组检查用卡方检验比较各组人数与计划比例（p < {alpha} 时标记）。",
    },
    "plan.assign.drawn": {
        "en": "The assignment was drawn now; it can still change until the campaign starts on {start}.",
        "zh": "分组已生成；活动于 {start} 开始前仍可调整。",
    },
    "plan.assign.drawn_started": {
        "en": "The campaign started on {start} and no earlier complete run had an assignment, so it was drawn now; from now on it is frozen.",
        "zh": "活动已于 {start} 开始，此前没有完成的运行生成过分组，因此现在生成；此后分组将被冻结。",
    },
    "plan.assign.kept": {
        "en": "The campaign started on {start}: the assignment is frozen and was kept from run {run}.",
        "zh": "活动已于 {start} 开始：分组已冻结，沿用运行 {run} 的分组。",
    },
    "plan.assign.shares_kept": {
        "en": "Planned holdout shares are those of run {run}, which drew the frozen assignment: {shares}.",
        "zh": "计划对照组比例沿用生成冻结分组的运行 {run}：{shares}。",
    },
    "plan.assign.share_item": {"en": "{segment} {share}", "zh": "{segment} {share}"},
    "plan.assign.shares_unknown": {
        "en": "Run {run}, which drew the frozen assignment, has no readable {file}, so the planned holdout shares are taken from the current params; if they were changed since, the split check and the power figures are wrong.",
        "zh": "生成冻结分组的运行 {run} 没有可读取的 {file}，因此计划对照组比例取自当前参数；如参数此后被修改，分组检查和检验力将不准确。",
    },
    "plan.assign.refuse": {
        "en": "The plan does not redraw a frozen assignment: that would mix customers who were already contacted into the control group. To redraw anyway, give a reason for redrawing in the params file.",
        "zh": "计划不会重新分组已冻结的分组，否则已接触过的客户会混入对照组。如确需重新分组，请在参数文件中填写重新分组的原因。",
    },
    "plan.assign.redrawn": {
        "en": "The frozen assignment of run {run} was redrawn on request. Reason given: {reason}",
        "zh": "已按要求重新生成运行 {run} 的冻结分组。原因：{reason}",
    },
    "plan.assign.redraw_ignored": {
        "en": "A redraw reason was given, but there was no frozen assignment to replace.",
        "zh": "填写了重新分组的原因，但没有需要替换的冻结分组。",
    },
    "plan.assign.from_data": {
        "en": "The assignment was supplied with the data (the assignment table) and is used as it is.",
        "zh": "分组来自数据中的分组表，按原样使用。",
    },
    "plan.assign.not_assigned": {
        "en": "{n} customers now in targeted segments are not in the frozen assignment (e.g. new since it was drawn); they are not part of the experiment.",
        "zh": "{n} 位客户目前属于目标客户群，但不在冻结的分组中（如分组后新增的客户）；他们不参与本次实验。",
    },
    "plan.assign.no_contact": {
        "en": "Control customers must not be contacted in any way until the evaluation is done; the lists mark them 'do not contact'.",
        "zh": "在评估完成前，不得以任何方式接触对照组客户；名单中已标注“请勿联系”。",
    },
    "plan.assign.files": {
        "en": "Customer lists are in the files {files} (not shown here).",
        "zh": "客户名单见文件 {files}（报告中不展示）。",
    },
    "plan.col.planned_share": {"en": "Planned holdout", "zh": "计划对照组比例"},
    "plan.col.actual_share": {"en": "Actual holdout", "zh": "实际对照组比例"},
    "plan.col.split_check": {"en": "Split check", "zh": "分组检查"},
    "plan.srm.ok": {"en": "as planned (p = {p})", "zh": "符合计划（p = {p}）"},
    "plan.srm.flag": {"en": "NOT as planned (p = {p})", "zh": "与计划不符（p = {p}）"},
    "plan.segments.this_run": {
        "en": "Segments come from the segmentation of this run.",
        "zh": "客户群来自本次运行的分群结果。",
    },
    "plan.segments.earlier_run": {
        "en": "Segments come from the segmentation of an earlier complete run.",
        "zh": "客户群来自此前一次完成运行的分群结果。",
    },
    "plan.segments.computed": {
        "en": "The segmentation stage has not run, so the segments were computed here with the same rules.",
        "zh": "分群阶段尚未运行，已按相同规则在此计算客户群。",
    },
    # activities (the template's texts of each segment are in plan_templates.py)
    "plan.col.form": {"en": "Form", "zh": "活动形式"},
    "plan.col.content": {"en": "Content", "zh": "内容要点"},
    "plan.col.highlight": {"en": "Highlight", "zh": "亮点"},
    "plan.col.channel": {"en": "Channel", "zh": "渠道"},
    # schedule
    "plan.phase.preparation": {"en": "Preparation", "zh": "准备阶段"},
    "plan.phase.promotion": {"en": "Promotion and invitations", "zh": "宣传邀约阶段"},
    "plan.phase.event": {"en": "Event", "zh": "活动执行"},
    "plan.phase.follow_up": {"en": "Follow-up", "zh": "跟进阶段"},
    "plan.col.phase": {"en": "Phase", "zh": "阶段"},
    "plan.col.start": {"en": "Start", "zh": "开始"},
    "plan.col.end": {"en": "End", "zh": "结束"},
    "plan.col.dates": {"en": "Dates", "zh": "日期"},
    "plan.col.days": {"en": "Days", "zh": "天数"},
    "plan.col.buffer": {"en": "Buffer days", "zh": "缓冲天数"},
    "plan.col.owner": {"en": "Owner", "zh": "负责人"},
    "plan.col.resources": {"en": "Resources", "zh": "所需资源"},
    "plan.missing": {"en": "missing", "zh": "缺失"},
    "plan.schedule.ok": {
        "en": "Phases are in order, every phase has an owner, and every deadline falls after the follow-up ends ({end}, buffers included).",
        "zh": "各阶段顺序正确，均有负责人，所有截止日期都晚于跟进阶段结束日（{end}，含缓冲）。",
    },
    # budget
    "plan.col.category": {"en": "Category", "zh": "类别"},
    "plan.total": {"en": "Total", "zh": "合计"},
    "plan.col.planned": {"en": "Planned", "zh": "计划金额"},
    "plan.col.planned_in": {"en": "Planned ({unit})", "zh": "计划金额（{unit}）"},
    "plan.budget.none": {
        "en": "No budget was given (neither in the params file nor in a costs table).",
        "zh": "未提供预算（参数文件和成本表中均没有）。",
    },
    "plan.budget.source_params": {
        "en": "Planned amounts from the params file.",
        "zh": "计划金额来自参数文件。",
    },
    "plan.budget.source_costs_table": {
        "en": "Planned amounts from the costs table.",
        "zh": "计划金额来自成本表。",
    },
    "plan.budget.source_none": {"en": "No planned amounts.", "zh": "没有计划金额。"},
    "plan.budget.per_customer": {
        "en": "{targeted} per targeted customer; {treated} per treated (contacted) customer.",
        "zh": "每位目标客户 {targeted}；每位实验组（接触）客户 {treated}。",
    },
    # target lists and files
    "plan.list.customer_id": {"en": "Customer id", "zh": "客户编号"},
    "plan.list.name": {"en": "Name", "zh": "客户名称"},
    "plan.list.owner": {"en": "Owner", "zh": "负责人"},
    "plan.list.tags": {"en": "Tags", "zh": "标签"},
    "plan.list.arm": {"en": "Group", "zh": "分组"},
    "plan.list.contact": {"en": "Contact", "zh": "是否联系"},
    "plan.list.do_contact": {"en": "contact", "zh": "联系"},
    "plan.list.do_not_contact": {"en": "do not contact", "zh": "请勿联系"},
    "plan.file.assignment": {
        "en": "{file}: every targeted customer with segment and group (read by the evaluation).",
        "zh": "{file}：每位目标客户的客户群与分组（供效果评估使用）。",
    },
    "plan.file.assignment_csv": {
        "en": "{file}: the same as a CSV file.",
        "zh": "{file}：同上，CSV 格式。",
    },
    "plan.file.target_lists": {
        "en": "{file}: one sheet per segment for the sales team; control customers are marked 'do not contact'.",
        "zh": "{file}：按客户群分表的销售名单；对照组客户标注“请勿联系”。",
    },
    "plan.file.plan_xlsx": {
        "en": "{file}: goals, design, schedule, budget and activities as a workbook.",
        "zh": "{file}：目标、实验设计、执行计划、预算与活动设计工作簿。",
    },
    "plan.file.plan_json": {
        "en": "{file}: the plan for the evaluation stage.",
        "zh": "{file}：供效果评估阶段读取的计划。",
    },
    # charts
    "plan.chart.power": {
        "en": "Chance to detect each goal by holdout share",
        "zh": "不同对照组比例下各目标的检出概率",
    },
    "plan.chart.power_x": {"en": "Holdout share (control group)", "zh": "对照组比例"},
    "plan.chart.power_y": {"en": "Chance to detect", "zh": "检出概率"},
    "plan.chart.power_wanted": {"en": "needed: {power}", "zh": "要求：{power}"},
    "plan.chart.planned": {"en": "planned holdout", "zh": "计划对照组"},
    "plan.chart.gantt": {"en": "Schedule", "zh": "执行计划甘特图"},
    "plan.alt.power": {
        "en": "Line chart: the chance to detect each goal (vertical) by the share of customers held out as control (horizontal). At the planned {share} holdout: {chances}; {wanted} is needed.",
        "zh": "折线图：各目标在不同对照组比例（横轴）下的检出概率（纵轴）。计划对照组比例为 {share} 时：{chances}；要求 {wanted}。",
    },
    "plan.alt.power_goal": {"en": "{goal} {power}", "zh": "{goal} {power}"},
    "plan.alt.gantt": {
        "en": "Gantt chart: the {n} phases of the schedule from {first} to {last}, each a bar from its first to its last day, buffer days lighter; the event is on {event}.",
        "zh": "甘特图：执行计划的 {n} 个阶段，{first} 至 {last}，各阶段以条形表示起止日期，缓冲天数颜色较浅；活动日为 {event}。",
    },
    "plan.chart.buffer": {"en": "buffer", "zh": "缓冲"},
    "plan.chart.event_day": {"en": "event", "zh": "活动日"},
    **TEMPLATE_LABELS,
}
