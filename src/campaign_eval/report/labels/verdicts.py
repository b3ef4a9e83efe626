"""Labels of the evaluation's verdicts: goals, the return, the retrospective's facts and leads."""

LABELS = {
    # ---- the answer block: did it work, by how much, how sure, in money
    "ev.answer.question": {"en": "Did it work?", "zh": "活动是否有效？"},
    "ev.answer.lead.yes": {"en": "Yes", "zh": "有效"},
    "ev.answer.lead.partly": {"en": "Partly", "zh": "部分有效"},
    "ev.answer.lead.no": {"en": "No", "zh": "无效"},
    "ev.answer.lead.not_shown": {"en": "Not shown", "zh": "未见成效"},
    "ev.answer.lead.not_planned": {"en": "Not planned", "zh": "未设定目标"},
    "ev.answer.effect": {
        "en": "{scope} {diff} against the control group ({level} CI {ci})",
        "zh": "{scope}与对照组相比 {diff}（{level} 置信区间 {ci}）",
    },
    "ev.answer.effects.one": {
        "en": "{lead}: {effect}, the campaign's one proven effect.",
        "zh": "{lead}：{effect}，这是活动唯一得到证实的效果。",
    },
    "ev.answer.effects.many": {
        "en": "{lead}: the campaign's {k} proven effects are {effects}.",
        "zh": "{lead}：活动有 {k} 项得到证实的效果：{effects}。",
    },
    "ev.answer.effects.zero": {
        "en": "{lead}: no effect of the campaign is proven; none of the {n} primary comparisons with the control group improved significantly after adjustment.",
        "zh": "{lead}：活动效果未得到证实；{n} 项与对照组的主要比较经校正后均未显著改善。",
    },
    "ev.answer.effects.none_planned": {
        "en": "{lead}: no goal or primary comparison was fixed before the campaign, so nothing can be credited to it as planned; every comparison is exploratory.",
        "zh": "{lead}：活动开始前未设定目标或主要比较，因此没有可按计划归功于活动的结果；所有比较均为探索性比较。",
    },
    "ev.answer.effects.harmed": {
        "en": "Significantly worse: {effects}.",
        "zh": "显著变差：{effects}。",
    },
    "ev.answer.goals.all": {"en": "Goals: {n} of {n} reached.", "zh": "目标：{n} 个全部达成。"},
    "ev.answer.goals.some": {
        "en": "Goals: {reached} of {n} reached ({parts}).",
        "zh": "目标：{n} 个中 {reached} 个已达成（{parts}）。",
    },
    "ev.answer.part.missed": {"en": "{n} missed", "zh": "{n} 个未达成"},
    "ev.answer.part.too_close": {"en": "{n} too close to call", "zh": "{n} 个尚难判断"},
    "ev.answer.part.pending": {"en": "{n} not judged", "zh": "{n} 个无法判断"},
    "ev.answer.roi.met": {
        "en": "Return: {roi} ({ci}): the {standard} standard was met ({p} chance).",
        "zh": "回报：{roi}（{ci}），达到 {standard} 的标准（达标概率 {p}）。",
    },
    "ev.answer.roi.not_met": {
        "en": "Return: {roi} ({ci}): the {standard} standard was not met ({p} chance it was).",
        "zh": "回报：{roi}（{ci}），未达到 {standard} 的标准（达标概率 {p}）。",
    },
    "ev.answer.roi.cant_tell": {
        "en": "Return: {roi} ({ci}): whether the {standard} standard was met can't be told yet ({p} chance).",
        "zh": "回报：{roi}（{ci}），尚无法判断是否达到 {standard} 的标准（达标概率 {p}）。",
    },
    "ev.answer.fig.goals": {"en": "Goals reached", "zh": "已达成目标"},
    "ev.answer.fig.of": {"en": "{k} of {n}", "zh": "{k}/{n}"},
    "ev.answer.fig.goals_credited": {
        "en": "{n} credited to the campaign",
        "zh": "{n} 个可归功于活动",
    },
    "ev.answer.fig.primary": {
        "en": "Primary comparisons credited",
        "zh": "可归功于活动的主要比较",
    },
    "ev.answer.fig.primary_note": {
        "en": "significant after adjustment",
        "zh": "经校正后显著改善",
    },
    "ev.answer.fig.ci": {"en": "{level} CI {ci}", "zh": "{level} 置信区间 {ci}"},
    "ev.answer.fig.value": {"en": "Incremental value", "zh": "增量价值"},
    "ev.answer.fig.roi": {"en": "Return per {one} spent", "zh": "每投入 {one} 的回报"},
    "ev.answer.fig.standard": {"en": "The {standard} standard", "zh": "{standard} 回报标准"},
    "ev.answer.fig.roi_met": {"en": "met", "zh": "已达标"},
    "ev.answer.fig.roi_not_met": {"en": "not met", "zh": "未达标"},
    "ev.answer.fig.roi_cant_tell": {"en": "can't tell yet", "zh": "尚无法判断"},
    "ev.answer.fig.chance": {"en": "{p} chance it was met", "zh": "达标概率 {p}"},
    "ev.answer.fig.gross": {"en": "Gross return per {one} spent", "zh": "每投入 {one} 的毛回报"},
    "ev.answer.fig.gross_note": {
        "en": "all revenue of treated customers, not caused by the campaign alone",
        "zh": "实验组客户的全部收入，并非全部由活动带来",
    },
    "ev.answer.fig.customers": {"en": "Customers evaluated", "zh": "评估客户数"},
    "ev.sep.items": {"en": "; ", "zh": "；"},
    "ev.fmt.segment_arm": {"en": "{segment}, {arm}", "zh": "{segment}，{arm}"},
    "ev.fmt.diff_arm": {"en": "{diff} ({arm})", "zh": "{diff}（{arm}）"},
    "ev.answer.open": {
        "en": "The outcomes cannot be judged before {date}: the outcome window is still open. No goal, effect or return is graded yet.",
        "zh": "{date} 之前无法评判结果：效果统计窗口尚未结束。目标、效果和回报暂不评判。",
    },
    "ev.answer.no_control": {
        "en": "Can't tell: there is no control group, so nothing can be credited to the campaign; only changes before and after are shown.",
        "zh": "无法判断：没有对照组，任何结果都不能归功于活动，只能展示活动前后的变化。",
    },
    # ---- goals
    "ev.verdict.reached": {"en": "reached", "zh": "已达成"},
    "ev.verdict.missed": {"en": "missed", "zh": "未达成"},
    "ev.verdict.too_close": {"en": "too close to call", "zh": "尚难判断"},
    "ev.verdict.not_yet": {"en": "not measurable before {date}", "zh": "{date} 之前无法衡量"},
    "ev.credited.none": {"en": "no comparison", "zh": "无对比"},
    "ev.goals.verdict_rule": {
        "en": "A goal is reached when the whole {level} confidence interval of its actual value is on the good side of the target, missed when it is wholly on the other side, and too close to call otherwise. A change goal is graded on the change it asked for. A goal is credited to the campaign only when its comparison with the control group is significant after Holm's adjustment over the {m} goals (each judged at level {alpha}).",
        "zh": "当实际值的 {level} 置信区间整体位于目标的有利一侧时判定为“已达成”，整体位于另一侧时为“未达成”，否则为“尚难判断”。以变化量设定的目标按所要求的变化量评分。只有当目标与对照组的比较在 {m} 个目标间经 Holm 校正后仍显著（每个目标的检验水平为 {alpha}）时，才可归功于活动。",
    },
    "ev.retro.goal_reached": {
        "en": "{goal}: reached: {actual} ({level} CI {ci}) against a target of {target}.",
        "zh": "{goal}：已达成：实际值 {actual}（{level} 置信区间 {ci}），目标 {target}。",
    },
    "ev.retro.goal_missed": {
        "en": "{goal}: missed: {actual} ({level} CI {ci}) against a target of {target}; {attainment} attained ({grade}).",
        "zh": "{goal}：未达成：实际值 {actual}（{level} 置信区间 {ci}），目标 {target}；达成率 {attainment}（{grade}）。",
    },
    "ev.retro.goal_too_close": {
        "en": "{goal}: too close to call: {actual} ({level} CI {ci}) against a target of {target}; more customers or a longer window are needed to tell.",
        "zh": "{goal}：尚难判断：实际值 {actual}（{level} 置信区间 {ci}），目标 {target}；需要更多客户或更长的统计窗口才能判断。",
    },
    "ev.retro.credited": {
        "en": "The campaign can be credited: {diff} against the control group ({level} CI {ci}; adjusted p {p}).",
        "zh": "可归功于活动：与对照组相比 {diff}（{level} 置信区间 {ci}；校正后 p 值 {p}）。",
    },
    "ev.retro.not_credited": {
        "en": "Not shown to be caused by the campaign: {diff} against the control group ({level} CI {ci}; adjusted p {p}); an effect smaller than about {mde} could not be told apart from chance.",
        "zh": "未能证明由活动带来：与对照组相比 {diff}（{level} 置信区间 {ci}；校正后 p 值 {p}）；小于约 {mde} 的效果无法与随机波动区分。",
    },
    "ev.retro.effect_listed": {
        "en": "The campaign's effect on it is listed under what worked.",
        "zh": "活动对它的效果见“成功经验”。",
    },
    "ev.retro.no_comparison": {
        "en": "No comparison with the control group matches this goal's scope.",
        "zh": "没有与该目标范围相对应的对照组比较。",
    },
    "ev.retro.effect_better": {
        "en": "{metric}, {segment}: {diff} against the control group ({level} CI {ci}; adjusted p {p}, a primary comparison).",
        "zh": "{metric}（{segment}）：与对照组相比 {diff}（{level} 置信区间 {ci}；校正后 p 值 {p}，主要比较）。",
    },
    "ev.retro.effect_worse": {
        "en": "{metric}, {segment}: {diff} against the control group, a worsening ({level} CI {ci}; adjusted p {p}, a primary comparison).",
        "zh": "{metric}（{segment}）：与对照组相比 {diff}，变差（{level} 置信区间 {ci}；校正后 p 值 {p}，主要比较）。",
    },
    "ev.retro.lead_better": {
        "en": "{metric}, {segment}: {diff} against the control group, an improvement ({level} CI {ci}; adjusted p {p} among the exploratory comparisons). A lead to test next time as a goal, not a result.",
        "zh": "{metric}（{segment}）：与对照组相比 {diff}，有所改善（{level} 置信区间 {ci}；在探索性比较中校正后 p 值 {p}）。可作为下次的目标加以检验，而不是本次结论。",
    },
    "ev.retro.lead_worse": {
        "en": "{metric}, {segment}: {diff} against the control group, a worsening ({level} CI {ci}; adjusted p {p} among the exploratory comparisons). A warning to check next time, not a result.",
        "zh": "{metric}（{segment}）：与对照组相比 {diff}，变差（{level} 置信区间 {ci}；在探索性比较中校正后 p 值 {p}）。需在下次检查的警示，而不是本次结论。",
    },
    "ev.retro.open": {
        "en": "Nothing can be judged before {date}: the outcome window is still open.",
        "zh": "{date} 之前无法评判：效果统计窗口尚未结束。",
    },
    "ev.retro.nothing_worked": {
        "en": "Nothing the data support as a success: no goal was reached and no primary comparison improved significantly.",
        "zh": "数据尚不支持任何成功结论：没有目标达成，也没有主要比较出现显著改善。",
    },
    "ev.retro.no_leads": {
        "en": "No exploratory comparison stood out after adjustment.",
        "zh": "经校正后，没有突出的探索性比较结果。",
    },
    "ev.h.leads": {"en": "Leads to test next time", "zh": "下次可检验的线索"},
    "ev.h.standards": {"en": "The template's standards", "zh": "模板评估标准"},
    # ---- standards
    "ev.standard.satisfaction.met": {
        "en": "Mean satisfaction {value} met the standard of at least {threshold}.",
        "zh": "平均满意度 {value}，达到不低于 {threshold} 的标准。",
    },
    "ev.standard.satisfaction.not_met": {
        "en": "Mean satisfaction {value} fell short of the standard of at least {threshold}.",
        "zh": "平均满意度 {value}，未达到不低于 {threshold} 的标准。",
    },
    "ev.standard.negative_suggestions.met": {
        "en": "{value} negative suggestions stayed within the standard of at most {threshold}.",
        "zh": "负面建议 {value} 条，在不超过 {threshold} 条的标准之内。",
    },
    "ev.standard.negative_suggestions.not_met": {
        "en": "{value} negative suggestions exceeded the standard of at most {threshold}.",
        "zh": "负面建议 {value} 条，超出不超过 {threshold} 条的标准。",
    },
    "ev.standard.preparation.met": {
        "en": "Preparation took {value} of the planned time, within the standard of at most {threshold}.",
        "zh": "筹备用时为计划的 {value}，符合不超过 {threshold} 的标准。",
    },
    "ev.standard.preparation.not_met": {
        "en": "Preparation took {value} of the planned time, beyond the standard of at most {threshold}.",
        "zh": "筹备用时为计划的 {value}，超出不超过 {threshold} 的标准。",
    },
    "ev.standard.roi.met": {
        "en": "Return: the {threshold} standard was met ({p} chance).",
        "zh": "回报：达到 {threshold} 的标准（达标概率 {p}）。",
    },
    "ev.standard.roi.not_met": {
        "en": "Return: the {threshold} standard was not met ({p} chance it was).",
        "zh": "回报：未达到 {threshold} 的标准（达标概率 {p}）。",
    },
    "ev.standard.roi.cant_tell": {
        "en": "Return: whether the {threshold} standard was met can't be told yet ({p} chance).",
        "zh": "回报：尚无法判断是否达到 {threshold} 的标准（达标概率 {p}）。",
    },
    # ---- the return
    "ev.roi.verdict.met": {
        "en": "The campaign met the {standard} return standard: even the low end of the interval returns at least {amount} per {one} spent.",
        "zh": "活动达到 {standard} 的回报标准：即使按置信区间下限，每投入 {one} 也至少回报 {amount}。",
    },
    "ev.roi.verdict.not_met": {
        "en": "The campaign did not meet the {standard} return standard: even the high end of the interval returns less than {amount} per {one} spent.",
        "zh": "活动未达到 {standard} 的回报标准：即使按置信区间上限，每投入 {one} 的回报也不足 {amount}。",
    },
    "ev.roi.verdict.cant_tell": {
        "en": "Whether the campaign met the {standard} return standard can't be told yet: the interval includes returns both above and below {amount} per {one} spent.",
        "zh": "尚无法判断活动是否达到 {standard} 的回报标准：置信区间内每投入 {one} 的回报既有高于也有低于 {amount} 的可能。",
    },
    "ev.roi.open": {
        "en": "The return cannot be judged before {date}: the outcome window is still open.",
        "zh": "{date} 之前无法评判回报：效果统计窗口尚未结束。",
    },
    "ev.roi.detail": {
        "en": "Incremental value against the control group: {value} ({level} CI {value_ci}) for {cost} of cost ({basis} costs), with value counted at {margin} of revenue (the margin rate). That is {per_unit}. The chance that the standard was met is {p} (normal approximation). The gross return, {gross}, counts all revenue of treated customers, including purchases they would have made anyway.",
        "zh": "与对照组相比的增量价值：{value}（{level} 置信区间 {value_ci}），成本 {cost}（{basis}成本），价值按收入的 {margin} 计算（利润率）。即{per_unit}。达到标准的概率为 {p}（正态近似）。毛回报为{gross}，计入了实验组客户的全部收入，包括本来就会发生的购买。",
    },
    "ev.roi.per_unit.gain": {
        "en": "a return of {roi}, somewhere between {low} and {high}",
        "zh": "{roi}，介于 {low} 至 {high} 之间",
    },
    "ev.roi.per_unit.loss": {
        "en": "{roi}, somewhere between a loss of {low} and one of {high}",
        "zh": "{roi}，亏损介于 {low} 至 {high} 之间",
    },
    "ev.roi.per_unit.across": {
        "en": "anywhere between a loss of {loss} and a return of {gain} per unit of cost (estimate: {roi})",
        "zh": "介于每单位成本亏损 {loss} 至回报 {gain} 之间（估计值：{roi}）",
    },
    # ---- families, survey rules, counts per customer, contamination
    "ev.effects.families": {
        "en": "Primary comparisons ({m}): one per goal fixed before the start, adjusted with Holm's procedure among themselves; only they can credit the campaign. Exploratory comparisons ({e}): every other segment and metric, adjusted within their own family by {adjustment}; they are leads for next time, not results.",
        "zh": "主要比较（{m} 项）：每个事先设定的目标对应一项，在它们之间用 Holm 方法校正；只有主要比较可以将结果归功于活动。探索性比较（{e} 项）：其余所有客户群与指标的组合，在其自身范围内用{adjustment}校正；它们是下次可检验的线索，而不是本次结论。",
    },
    "ev.effects.families.params": {
        "en": "Primary comparisons ({m}): named in the campaign's parameters before the analysis, adjusted with Holm's procedure among themselves; only they can credit the campaign. Exploratory comparisons ({e}): every other segment and metric, adjusted within their own family by {adjustment}; they are leads for next time, not results.",
        "zh": "主要比较（{m} 项）：活动参数在分析前指定，在它们之间用 Holm 方法校正；只有主要比较可以将结果归功于活动。探索性比较（{e} 项）：其余所有客户群与指标的组合，在其自身范围内用{adjustment}校正；它们是下次可检验的线索，而不是本次结论。",
    },
    "ev.effects.families.none": {
        "en": "No goal or primary comparison was fixed before the analysis, so all {e} comparisons are exploratory, adjusted together by {adjustment}: they are leads for next time, not results.",
        "zh": "分析前未设定目标或主要比较，因此全部 {e} 项比较均为探索性比较，统一用{adjustment}校正：它们是下次可检验的线索，而不是本次结论。",
    },
    "ev.fb.survey_rule": {
        "en": "A customer who answered several times counts once: with the mean of their 1-5 satisfaction answers and with their latest NPS answer.",
        "zh": "多次作答的客户只计一次：满意度取其 1-5 分答案的平均值，NPS 取其最近一次答案。",
    },
    "ev.fb.per_customer": {
        "en": "Per 100 customers: {t} negative suggestions in {arm} against {c} in {control}. Groups of different sizes are compared per customer, never by their raw counts.",
        "zh": "每 100 位客户：{arm} {t} 条负面建议，{control} {c} 条。规模不同的组按人均比较，而不是比较原始数量。",
    },
    "ev.design.contamination": {
        "en": "Monitoring found {n} control customers contacted (monitoring run {run}). They stay in the control group (intention to treat), which pulls every effect towards zero: the true effects may be somewhat larger than shown.",
        "zh": "过程监控发现有 {n} 位对照组客户被联系（监控运行 {run}）。他们仍保留在对照组中（意向性分析），这会使所有效果向零偏移：真实效果可能略大于报告值。",
    },
    "ev.design.no_contamination_check": {
        "en": "No monitoring run was found, so whether control customers were contacted is not known.",
        "zh": "未找到过程监控结果，因此无法确认对照组客户是否被联系过。",
    },
    "ev.h.contamination": {"en": "Control customers contacted", "zh": "对照组客户被联系情况"},
    "ev.cuped.no_gain": {
        "en": "A variance reduction of 0% means the covariate did not help: the CUPED interval is no narrower for it. CUPED is not applied where the plain comparison needed the exact test (fewer than 10 events in a group): a narrower interval must come from the covariate, not from a change of method.",
        "zh": "方差降低为 0% 表示协变量没有起作用，CUPED 区间并未因此变窄。若直接比较需要精确检验（某组事件少于 10 个），则不使用 CUPED：区间变窄必须来自协变量，而不是检验方法的改变。",
    },
    # ---- an outcome table
    "ev.intro.table": {
        "en": "{n} customers were evaluated ({arms}) from an outcome table: one row per customer, without dates. {window}",
        "zh": "基于结果表评估了 {n} 位客户（{arms}）：每位客户一行，不含日期。{window}",
    },
    "ev.table.window": {
        "en": "Its outcomes measure: {label}.",
        "zh": "结果指标的统计范围：{label}。",
    },
    "ev.table.no_window": {
        "en": "The table does not say which period its outcomes cover.",
        "zh": "结果表未说明其指标覆盖的时间范围。",
    },
}
