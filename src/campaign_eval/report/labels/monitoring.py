"""Labels of the monitoring stage."""

LABELS = {
    # headings
    "mon.h.alerts": {"en": "Alerts and status", "zh": "预警与概况"},
    "mon.h.change": {"en": "Since the last monitoring run", "zh": "与上次监控相比"},
    "mon.h.funnel_channel": {"en": "Funnel by channel", "zh": "分渠道转化漏斗"},
    "mon.h.funnel_segment": {"en": "Funnel by segment", "zh": "分客户群转化漏斗"},
    "mon.h.progress": {"en": "Progress and targets", "zh": "进度与目标"},
    "mon.h.participation": {
        "en": "Who is coming: participation by segment",
        "zh": "参与情况：各客户群构成",
    },
    "mon.h.feedback": {"en": "On-site feedback", "zh": "现场反馈"},
    "mon.h.incidents": {"en": "Incidents", "zh": "异常事件"},
    "mon.h.design": {"en": "Design checks", "zh": "实验设计检查"},
    "mon.h.files": {"en": "Files of this run", "zh": "本次运行生成的文件"},
    # summary
    "mon.intro.data": {
        "en": "This report covers the campaign up to the end of {as_of}, the day of the newest contact event in the data. Invitations started on {start}; the event is on {event}.",
        "zh": "本报告覆盖截至 {as_of} 日终的活动数据（数据中最新一条联系记录的日期）。邀请自 {start} 开始，活动日为 {event}。",
    },
    "mon.intro.param": {
        "en": "This report covers the campaign up to the end of {as_of}, the day chosen for this report; later events are left out. Invitations started on {start}; the event is on {event}.",
        "zh": "本报告覆盖截至 {as_of} 日终的活动数据（本报告指定的日期），之后的记录不计入。邀请自 {start} 开始，活动日为 {event}。",
    },
    "mon.intro.today": {
        "en": "This report covers the campaign up to the end of today, {as_of}. Invitations start on {start}; the event is on {event}.",
        "zh": "本报告覆盖截至今天（{as_of}）日终的活动数据。邀请自 {start} 开始，活动日为 {event}。",
    },
    "mon.source.plan": {
        "en": "Segments and groups (treatment and control) come from the campaign plan's assignment.",
        "zh": "客户群与分组（实验组、对照组）来自活动策划阶段的分组名单。",
    },
    "mon.source.data": {
        "en": "Segments and groups (treatment and control) come from the assignment table supplied with the data.",
        "zh": "客户群与分组（实验组、对照组）来自数据中提供的分组表。",
    },
    "mon.source.segments": {
        "en": "Segments come from the segmentation; no assignment to treatment and control was found, so the design checks are skipped.",
        "zh": "客户群来自客户分群结果；未找到实验组/对照组分组，因此跳过实验设计检查。",
    },
    "mon.source.none": {
        "en": "No segments or assignment were found: the funnel is shown by channel only and the design checks are skipped.",
        "zh": "未找到客户群或分组信息：仅按渠道展示漏斗，并跳过实验设计检查。",
    },
    "mon.nothing.no_contacts_table": {
        "en": "Nothing to monitor yet: there is no contacts data for this campaign. Once invitations go out, add the contacts export to the params file (data.tables.contacts).",
        "zh": "暂无可监控的内容：本活动还没有联系记录数据。邀请发出后，请在参数文件中加入联系记录（data.tables.contacts）。",
    },
    "mon.nothing.empty": {
        "en": "Nothing to monitor yet: the contacts table has no rows.",
        "zh": "暂无可监控的内容：联系记录表中没有数据。",
    },
    "mon.nothing.not_yet": {
        "en": "Nothing to monitor yet: no invitation had been sent by the end of {as_of}.",
        "zh": "暂无可监控的内容：截至 {as_of} 日终尚未发出任何邀请。",
    },
    "mon.no_data_yet": {"en": "No contact data yet.", "zh": "暂无联系记录数据。"},
    "mon.all_clear": {
        "en": "No alert: none of the monitoring rules is breached.",
        "zh": "无预警：所有监控规则均未触发。",
    },
    "mon.colon": {"en": ": ", "zh": "："},
    "mon.sep": {"en": ", ", "zh": "，"},
    "mon.list_sep": {"en": ", ", "zh": "、"},
    "mon.severity.critical": {"en": "Act now", "zh": "需立即处理"},
    "mon.severity.warning": {"en": "Watch", "zh": "需关注"},
    # alerts
    "mon.alert.rate": {
        "en": "{channel}: {rate} is {value}, below the threshold of {threshold} ({n} in the denominator). Its interval still reaches the threshold, so this may be chance.",
        "zh": "{channel}：{rate}为 {value}，低于阈值 {threshold}（分母 {n}）。置信区间仍覆盖阈值，可能是随机波动。",
    },
    "mon.alert.rate_clear": {
        "en": "{channel}: {rate} is {value}, clearly below the threshold of {threshold} ({n} in the denominator; the whole {level}% interval is below it).",
        "zh": "{channel}：{rate}为 {value}，明显低于阈值 {threshold}（分母 {n}；整个 {level}% 置信区间都低于阈值）。",
    },
    "mon.alert.delivery_drop": {
        "en": "{channel}: delivery of the invitations sent {start} to {end} fell to {recent}, from {earlier} before ({n_recent} against {n_earlier} invitations; {p}). Check the sending service.",
        "zh": "{channel}：{start} 至 {end} 发出的邀请送达率降至 {recent}，此前为 {earlier}（{n_recent} 条对比 {n_earlier} 条邀请；{p}）。请检查发送服务。",
    },
    "mon.alert.srm": {
        "en": "{segment}: the group sizes do not match the planned split ({split}; chi-square {p}). Check the assignment before trusting any effect.",
        "zh": "{segment}：各组人数与计划比例不符（{split}；卡方检验 {p}）。在采信任何效果之前，请先检查分组。",
    },
    "mon.p_equals": {"en": "p = {p}", "zh": "p = {p}"},
    "mon.p_below": {"en": "p {p}", "zh": "p {p}"},
    "mon.arm_split": {
        "en": "{arm} {observed}, planned {planned}",
        "zh": "{arm} {observed}，计划 {planned}",
    },
    "mon.alert.contamination": {
        "en": "{count} customers of the {arm} group were contacted by mistake (list in {file}). Stop contacting them; the evaluation keeps them in the control group (intention to treat), so the measured effect will be understated.",
        "zh": "{arm}中有 {count} 位客户被误联系（名单见 {file}）。请停止联系这些客户；效果评估仍将其计入对照组（意向性分析），因此测得的效果会被低估。",
    },
    "mon.alert.stale": {
        "en": "The newest contact event is from {newest}, {lag} days before {reference} (limit: {limit} days): the contacts export may not have been refreshed.",
        "zh": "最新联系记录的日期为 {newest}，比 {reference} 早 {lag} 天（上限 {limit} 天）：联系记录可能没有及时更新。",
    },
    "mon.alert.target_behind": {
        "en": "{target}: projected {projected} by the event day ({event}) against the target of {goal} (now {actual}). At the current pace the target will be missed.",
        "zh": "{target}：预计到活动日（{event}）达到 {projected}，目标为 {goal}（目前 {actual}）。按当前进度将无法达成目标。",
    },
    "mon.alert.target_at_risk": {
        "en": "{target}: projected {projected} by the event day ({event}), just short of the target of {goal} (now {actual}).",
        "zh": "{target}：预计到活动日（{event}）达到 {projected}，略低于目标 {goal}（目前 {actual}）。",
    },
    # change since the last run
    "mon.change.first": {
        "en": "This is the first monitoring run of this campaign; the next runs will show what changed since this one.",
        "zh": "这是本活动的第一次监控运行；之后的运行将展示相对本次的变化。",
    },
    "mon.change.incompatible": {
        "en": "The previous monitoring run ({run}) was written in another format and cannot be compared.",
        "zh": "上一次监控运行（{run}）的文件格式不同，无法比较。",
    },
    "mon.change.since": {
        "en": "Compared with the previous monitoring run ({run}, data up to {as_of}).",
        "zh": "与上一次监控运行（{run}，数据截至 {as_of}）相比。",
    },
    "mon.change.new_alert": {"en": "New alert: {message}", "zh": "新增预警：{message}"},
    "mon.change.cleared_alert": {"en": "Cleared since then: {message}", "zh": "已解除：{message}"},
    "mon.change.same_alerts": {
        "en": "The alerts are the same as in the previous run ({count}).",
        "zh": "预警与上一次运行相同（{count} 条）。",
    },
    "mon.then": {"en": "Then ({as_of})", "zh": "上次（{as_of}）"},
    "mon.now": {"en": "Now ({as_of})", "zh": "本次（{as_of}）"},
    "mon.difference": {"en": "Change", "zh": "变化"},
    # funnel
    "mon.step": {"en": "Step", "zh": "环节"},
    "mon.step.invited": {"en": "Invited", "zh": "已邀请"},
    "mon.step.delivered": {"en": "Delivered", "zh": "已送达"},
    "mon.step.opened": {"en": "Opened", "zh": "已打开"},
    "mon.step.clicked": {"en": "Clicked", "zh": "已点击"},
    "mon.step.registered": {"en": "Registered", "zh": "已报名"},
    "mon.step.attended": {"en": "Attended", "zh": "已到场"},
    "mon.step.cancelled": {"en": "Cancelled", "zh": "已取消报名"},
    "mon.by.channel": {"en": "Channel", "zh": "渠道"},
    "mon.by.segment": {"en": "Segment", "zh": "客户群"},
    "mon.all_channels": {"en": "All channels (customers)", "zh": "全部渠道（按客户计）"},
    "mon.unassigned": {"en": "Not in the assignment", "zh": "不在分组名单中"},
    "mon.channel.email": {"en": "Email", "zh": "邮件"},
    "mon.channel.sms": {"en": "SMS", "zh": "短信"},
    "mon.channel.call": {"en": "Phone call", "zh": "电话"},
    "mon.rate.delivery_rate": {"en": "Delivery rate", "zh": "送达率"},
    "mon.rate.open_rate": {"en": "Open rate", "zh": "打开率"},
    "mon.rate.click_rate": {"en": "Click rate", "zh": "点击率"},
    "mon.rate.ctr": {"en": "Click-through (clicks / opens)", "zh": "点击转化率（点击/打开）"},
    "mon.rate.registration_rate": {"en": "Registration rate", "zh": "报名确认率"},
    "mon.rate.attendance_rate": {"en": "Attendance rate (of registered)", "zh": "到场率（占报名）"},
    "mon.rate.participation_rate": {
        "en": "Participation rate (of invited)",
        "zh": "参与率（占邀请）",
    },
    "mon.rate.invited": {"en": "Customers invited", "zh": "邀请客户数"},
    "mon.rate.registered": {"en": "Registrations", "zh": "报名人数"},
    "mon.rate.attended": {"en": "Attendees", "zh": "到场人数"},
    "mon.caption.counts.channel": {
        "en": "Contacts reaching each step, by channel; the last row counts each customer once over all channels",
        "zh": "各渠道到达各环节的联系数；最后一行跨渠道按客户去重计数",
    },
    "mon.caption.counts.segment": {
        "en": "Customers reaching each step, by segment (all channels)",
        "zh": "各客户群到达各环节的客户数（全部渠道）",
    },
    "mon.caption.message": {
        "en": "Invitation rates, with {level}% confidence intervals",
        "zh": "邀请环节转化率（括号内为 {level}% 置信区间）",
    },
    "mon.caption.event": {
        "en": "Registration and attendance, with {level}% confidence intervals",
        "zh": "报名与到场情况（括号内为 {level}% 置信区间）",
    },
    "mon.funnel_method": {
        "en": "How to read this: events up to the end of {as_of} are counted. Delivery rate = delivered / invited; open rate = opened / delivered; click rate = clicked / delivered; click-through = clicked / opened; registration rate = registered / invited; attendance rate = attended / registered; participation = attended / invited. The range in brackets is a {level}% Wilson confidence interval: it is wide when few customers are counted, so small differences between channels may be chance. A customer registers once, through the channel they answered first.",
        "zh": "阅读说明：统计截至 {as_of} 日终的记录。送达率 = 送达 / 邀请；打开率 = 打开 / 送达；点击率 = 点击 / 送达；点击转化率 = 点击 / 打开；报名确认率 = 报名 / 邀请；到场率 = 到场 / 报名；参与率 = 到场 / 邀请。括号内为 {level}% Wilson 置信区间：客户数少时区间较宽，渠道之间的小差异可能只是随机波动。每位客户只报名一次，计入其最先响应的渠道。",
    },
    # progress and targets
    "mon.target": {"en": "Target", "zh": "目标"},
    "mon.target_value": {"en": "Goal", "zh": "目标值"},
    "mon.actual": {"en": "Now ({as_of})", "zh": "目前（{as_of}）"},
    "mon.projected": {"en": "Projected on the event day", "zh": "活动日预计值"},
    "mon.status": {"en": "Status", "zh": "状态"},
    "mon.state.on_track": {"en": "On track", "zh": "进度正常"},
    "mon.state.at_risk": {"en": "At risk", "zh": "存在风险"},
    "mon.state.behind": {"en": "Behind", "zh": "落后"},
    "mon.state.no_data": {"en": "No data yet", "zh": "暂无数据"},
    "mon.progress_method": {
        "en": "How the status is set: each target's value on the event day ({event}) is projected by continuing the pace of the last {days} days in a straight line. Before the event day, attendance is projected as the registrations not cancelled times an expected show-up of {show_up}. On track: the projection reaches the target; at risk: it falls short by at most {margin} of the target; behind: it falls short by more.",
        "zh": "状态判定方法：按最近 {days} 天的进度线性外推，预测各目标在活动日（{event}）的数值。活动日之前，到场人数按“未取消的报名人数 × 预计到场比例 {show_up}”预测。进度正常：预测值达到目标；存在风险：预测值低于目标但差距不超过目标的 {margin}；落后：差距更大。",
    },
    "mon.no_targets": {
        "en": "No targets are set for this campaign (monitoring.targets in the params file).",
        "zh": "本活动未设置目标（参数文件中的 monitoring.targets）。",
    },
    # participation
    "mon.share_invited": {"en": "Share of invited", "zh": "占邀请比例"},
    "mon.share_attended": {"en": "Share of attendees", "zh": "占到场比例"},
    "mon.share_registered": {"en": "Share of registrations", "zh": "占报名比例"},
    "mon.mix_before_event": {
        "en": "The event ({event}) has not taken place yet: the mix of registrations is shown in place of attendance.",
        "zh": "活动（{event}）尚未举行：此处展示报名构成，而非到场构成。",
    },
    "mon.focus_absent": {
        "en": "None of the focus segments was invited.",
        "zh": "重点客户群均未被邀请。",
    },
    "mon.focus_share.attended": {
        "en": "{segments}: {share} of the attendees, against {invited} of the invited customers.",
        "zh": "{segments}：占到场客户的 {share}，占受邀客户的 {invited}。",
    },
    "mon.focus_share.registered": {
        "en": "{segments}: {share} of the registrations so far, against {invited} of the invited customers.",
        "zh": "{segments}：目前占报名客户的 {share}，占受邀客户的 {invited}。",
    },
    # on-site feedback
    "mon.feedback_before_event": {
        "en": "On-site feedback is collected at the event ({event}).",
        "zh": "现场反馈将在活动日（{event}）收集。",
    },
    "mon.no_scores": {"en": "No on-site score was given.", "zh": "没有收到现场评分。"},
    "mon.score_mean": {
        "en": "Instant satisfaction: a mean of {mean} out of 5 from {n} attendees ({level}% confidence interval {ci}, t interval); {csat} gave a 4 or 5.",
        "zh": "即时满意度：{n} 位到场客户的平均分为 {mean}（满分 5 分；{level}% 置信区间 {ci}，t 区间）；{csat} 的客户给出 4 分或 5 分。",
    },
    "mon.questions": {
        "en": "{questions} questions were asked on site, by {askers} of the {attendees} attendees ({per} per attendee).",
        "zh": "现场共提问 {questions} 次，{attendees} 位到场客户中有 {askers} 位提问（人均 {per} 次）。",
    },
    "mon.score": {"en": "Score (1-5)", "zh": "评分（1-5）"},
    "mon.answers": {"en": "Answers", "zh": "回答数"},
    # incidents
    "mon.incident": {"en": "Incident", "zh": "事件"},
    "mon.incident.cancelled": {"en": "Registration cancelled", "zh": "取消报名"},
    "mon.incident.equipment": {"en": "Equipment failure", "zh": "设备故障"},
    "mon.incident.delay": {"en": "Delay", "zh": "延误"},
    "mon.incident.other": {"en": "Other", "zh": "其他"},
    "mon.count": {"en": "Count", "zh": "次数"},
    "mon.note": {"en": "Source", "zh": "来源"},
    "mon.cancel_rate": {
        "en": "contacts data: {rate} of registrations",
        "zh": "联系记录：占报名的 {rate}",
    },
    "mon.logged_by_team": {"en": "logged by the team", "zh": "团队记录"},
    "mon.date": {"en": "Date", "zh": "日期"},
    "mon.kind": {"en": "Kind", "zh": "类型"},
    "mon.description": {"en": "What happened", "zh": "事件描述"},
    "mon.caption.incident_log": {"en": "Incident log", "zh": "异常事件记录"},
    "mon.no_logged": {"en": "The team logged no incident.", "zh": "团队没有记录异常事件。"},
    # design checks
    "mon.arm": {"en": "Group", "zh": "组别"},
    "mon.observed_share": {"en": "Observed share", "zh": "实际占比"},
    "mon.planned_share": {"en": "Planned share", "zh": "计划占比"},
    "mon.p_value": {"en": "p-value", "zh": "p 值"},
    "mon.mismatch": {"en": "Mismatch", "zh": "比例异常"},
    "mon.yes": {"en": "yes", "zh": "是"},
    "mon.no": {"en": "no", "zh": "否"},
    "mon.no_arms": {
        "en": "No assignment to treatment and control was found, so the sample ratio and contamination checks are skipped.",
        "zh": "未找到实验组/对照组分组，因此跳过样本比例检查和对照组污染检查。",
    },
    "mon.srm_not_configured": {
        "en": "The sample ratio check was skipped: the groups in the assignment do not match the planned groups. Set the planned split in the params file (monitoring.arm_shares).",
        "zh": "已跳过样本比例检查：分组名单中的组别与计划的组别不一致。请在参数文件中设置计划比例（monitoring.arm_shares）。",
    },
    "mon.srm_method": {
        "en": "Sample ratio check: each segment's group sizes are compared with its own planned split, and all assigned customers with the split the segments' plans imply together, by chi-square goodness-of-fit tests (per segment, so opposite imbalances in two segments cannot cancel out). A mismatch (p < {alpha}) in any of them usually means a broken assignment or a data problem.",
        "zh": "样本比例检查：用卡方拟合优度检验，逐个客户群比较其各组人数与本群计划比例，并比较全部分组客户与各群计划比例合计得出的比例（逐群检验，避免两个客户群方向相反的偏差相互抵消）。任一检验出现比例异常（p < {alpha}）通常意味着分组或数据流程出了问题。",
    },
    "mon.srm_source.plan_json": {
        "en": "Planned split: the shares the assignment was drawn with, as recorded in the plan of run {run} beside it (they stay in force even if the params' holdout share was changed later).",
        "zh": "计划比例：分组实际使用的比例，取自与分组同一运行 {run} 的策划记录（即使此后参数中的对照组比例被修改，也以此为准）。",
    },
    "mon.srm_source.monitoring_params": {
        "en": "Planned split: as set in the params file (monitoring.arm_shares, monitoring.segment_arm_shares).",
        "zh": "计划比例：取自参数文件（monitoring.arm_shares、monitoring.segment_arm_shares）。",
    },
    "mon.srm_source.plan_params": {
        "en": "Planned split: the holdout share of the params file (plan.control_share, plan.segment_control_share); no plan record was found for this assignment.",
        "zh": "计划比例：取自参数文件中的对照组比例（plan.control_share、plan.segment_control_share）；未找到该分组的策划记录。",
    },
    "mon.srm_source.params_ignored": {
        "en": "monitoring.arm_shares / monitoring.segment_arm_shares are set but not used: the plan record holds the split the assignment was actually drawn with.",
        "zh": "参数中设置了 monitoring.arm_shares / monitoring.segment_arm_shares，但未采用：策划记录中保存的是分组实际使用的比例。",
    },
    "mon.contamination": {
        "en": "Contamination: {count} customers of the {arm} group were contacted. Their list is in {file} (not shown here).",
        "zh": "对照组污染：{arm}中有 {count} 位客户被联系。名单见 {file}（报告中不展示）。",
    },
    "mon.no_contamination": {
        "en": "Contamination: no customer of the {arm} group was contacted.",
        "zh": "对照组污染：{arm}中没有客户被联系。",
    },
    "mon.fresh.none": {
        "en": "Data freshness: there is no contact event yet to judge it by.",
        "zh": "数据时效：尚无联系记录，无法判断。",
    },
    "mon.fresh.ok": {
        "en": "Data freshness: the newest contact event is from {newest}, {lag} days before {reference} (stale after {limit} days).",
        "zh": "数据时效：最新联系记录的日期为 {newest}，比 {reference} 早 {lag} 天（超过 {limit} 天视为过期）。",
    },
    "mon.fresh.stale": {
        "en": "Data freshness: the newest contact event is from {newest}, {lag} days before {reference}; the data looks stale (limit: {limit} days).",
        "zh": "数据时效：最新联系记录的日期为 {newest}，比 {reference} 早 {lag} 天；数据可能已过期（上限 {limit} 天）。",
    },
    # files
    "mon.file.monitoring": {
        "en": "{file}: this run's funnel, targets and alerts, read by the next monitoring run.",
        "zh": "{file}：本次运行的漏斗、目标与预警，供下一次监控运行比较。",
    },
    "mon.file.contamination": {
        "en": "{file}: the control customers who were contacted (customer level, not shown here).",
        "zh": "{file}：被联系的对照组客户名单（客户级数据，报告中不展示）。",
    },
    "mon.file.funnel_counts": {
        "en": "{file}: funnel counts per channel and segment.",
        "zh": "{file}：按渠道和客户群统计的漏斗人数。",
    },
    # charts
    "mon.chart.funnel": {
        "en": "Customers at each step, all channels (share of the invited)",
        "zh": "各环节客户数，全部渠道（占受邀客户比例）",
    },
    "mon.chart.of_invited": {"en": "{count} ({share})", "zh": "{count}（{share}）"},
    "mon.chart.rates": {
        "en": "Rates by channel with {level}% intervals; dashes: alert threshold",
        "zh": "各渠道转化率及 {level}% 置信区间；短横线为预警阈值",
    },
    "mon.chart.delivery_daily": {
        "en": "Delivery rate by day of invitation",
        "zh": "按邀请日期统计的送达率",
    },
    "mon.chart.progress": {"en": "Customers so far (cumulative)", "zh": "累计客户数"},
    "mon.chart.event": {"en": "Event day", "zh": "活动日"},
    "mon.chart.mix": {
        "en": "Segment mix: invited against {step}",
        "zh": "客户群构成：受邀与{step}对比",
    },
    "mon.chart.scores": {"en": "On-site scores", "zh": "现场评分分布"},
    "mon.chart.incidents": {
        "en": "Cancellations per day and logged incidents",
        "zh": "每日取消报名数与记录的异常事件",
    },
    # what each chart shows, for readers who cannot see it (the image's alt text)
    "mon.alt.funnel": {
        "en": "Bar chart: customers at each funnel step over all channels, from invited to attended, with each step's share of the invited.",
        "zh": "条形图：全部渠道各环节（从邀请到到场）的客户数，及其占受邀客户的比例。",
    },
    "mon.alt.rates": {
        "en": "Four panels (delivery, open, click and registration rate): each channel's rate as a point with its confidence interval, and its alert threshold as a dashed mark.",
        "zh": "四个分图（送达率、打开率、点击率、报名确认率）：各渠道的转化率及其置信区间，虚线短横为预警阈值。",
    },
    "mon.alt.delivery_daily": {
        "en": "Line chart: each channel's delivery rate by day of invitation; a sending outage shows as a drop.",
        "zh": "折线图：各渠道按邀请日期的送达率；发送故障表现为骤降。",
    },
    "mon.alt.progress": {
        "en": "Line chart: customers reaching each funnel step so far, day by day from the campaign start, with the event day marked.",
        "zh": "折线图：自活动开始逐日累计到达各环节的客户数，并标出活动日。",
    },
    "mon.alt.mix": {
        "en": "Bar chart: each segment's share of the invited customers beside its share of attendees (or registrations before the event).",
        "zh": "条形图：各客户群占受邀客户的比例，与其占到场客户（活动前为报名客户）的比例并列。",
    },
    "mon.alt.scores": {
        "en": "Bar chart: how many attendees gave each on-site score from 1 to 5.",
        "zh": "条形图：给出 1 至 5 分各现场评分的到场客户数。",
    },
    "mon.alt.incidents": {
        "en": "Timeline: cancelled registrations per day as bars, and the incidents the team logged as markers on their day.",
        "zh": "时间线：每日取消报名数（柱形），以及团队记录的异常事件（标记在发生当天）。",
    },
}
