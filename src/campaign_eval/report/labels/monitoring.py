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
    # the answer: what needs action now
    "mon.answer.question": {"en": "What needs action now?", "zh": "现在需要处理什么？"},
    "mon.answer.act_one": {"en": "1 problem needs action now:", "zh": "有 1 个问题需要立即处理："},
    "mon.answer.act_many": {
        "en": "{count} problems need action now:",
        "zh": "有 {count} 个问题需要立即处理：",
    },
    "mon.answer.watch_one": {
        "en": "Nothing needs action now; 1 thing to watch:",
        "zh": "目前无需立即处理；有 1 项需要关注：",
    },
    "mon.answer.watch_many": {
        "en": "Nothing needs action now; {count} things to watch:",
        "zh": "目前无需立即处理；有 {count} 项需要关注：",
    },
    "mon.answer.also_watch": {"en": "Also watch:", "zh": "另需关注："},
    "mon.answer.clear": {
        "en": "Nothing needs action now: every channel, target and check is within its limits.",
        "zh": "目前无需处理：各渠道、各项目标和各项检查均在正常范围内。",
    },
    "mon.answer.item": {"en": "{n}. {text}", "zh": "{n}. {text}"},
    "mon.kf.of_invited": {"en": "{share} of invited", "zh": "占邀请的 {share}"},
    "mon.kf.days_left": {"en": "Days to the event", "zh": "距活动日天数"},
    "mon.kf.event_on": {"en": "event on {event}", "zh": "活动日 {event}"},
    # what to do about each alert, in the answer block
    "mon.act.rate.delivery_rate": {
        "en": "{channel}: only {value} of invitations delivered (at least {threshold} expected). Check the contact data and the sending service.",
        "zh": "{channel}：仅 {value} 的邀请送达（应不低于 {threshold}）。请检查联系方式和发送服务。",
    },
    "mon.act.rate.open_rate": {
        "en": "{channel}: only {value} of delivered invitations opened (at least {threshold} expected). Try another subject line or sending time.",
        "zh": "{channel}：已送达的邀请仅 {value} 被打开（应不低于 {threshold}）。请换个标题或发送时间。",
    },
    "mon.act.rate.click_rate": {
        "en": "{channel}: only {value} of delivered invitations clicked (at least {threshold} expected). Make the link and the offer easier to see.",
        "zh": "{channel}：已送达的邀请仅 {value} 被点击（应不低于 {threshold}）。请让链接和活动内容更醒目。",
    },
    "mon.act.rate.ctr": {
        "en": "{channel}: only {value} of opened invitations clicked (at least {threshold} expected). Make the link and the offer easier to see.",
        "zh": "{channel}：已打开的邀请仅 {value} 被点击（应不低于 {threshold}）。请让链接和活动内容更醒目。",
    },
    "mon.act.rate.registration_rate": {
        "en": "{channel}: only {value} of invited customers registered (at least {threshold} expected). Send a reminder or call them.",
        "zh": "{channel}：受邀客户仅 {value} 报名（应不低于 {threshold}）。请发送提醒或电话跟进。",
    },
    "mon.act.rate.attendance_rate": {
        "en": "{channel}: only {value} of registered customers came (at least {threshold} expected). Ask those who stayed away why.",
        "zh": "{channel}：报名客户仅 {value} 到场（应不低于 {threshold}）。请了解未到场的原因。",
    },
    "mon.act.delivery_drop": {
        "en": "{channel}: delivery fell to {recent}, from {earlier}, on {start} to {end}. Check the sending service; resend what failed.",
        "zh": "{channel}：{start} 至 {end} 的送达率从 {earlier} 降至 {recent}。请检查发送服务，重发失败的邀请。",
    },
    "mon.act.srm": {
        "en": "{segment}: treatment and control do not have their planned sizes. Check the assignment before trusting any result.",
        "zh": "{segment}：实验组与对照组人数不符合计划比例。采信任何结果之前，请先检查分组。",
    },
    "mon.act.contamination": {
        "en": "{count} control customers were contacted by mistake. Stop contacting them (list: {file}).",
        "zh": "{count} 位对照组客户被误联系。请停止联系他们（名单：{file}）。",
    },
    "mon.act.stale": {
        "en": "The contacts data ends on {newest}, {lag} days ago. Refresh the export before acting on it.",
        "zh": "联系记录截至 {newest}，已过去 {lag} 天。请先更新导出数据再据此行动。",
    },
    "mon.act.target_behind.count": {
        "en": "{target}: heading for {projected} by the event day, against a target of {goal}. Invite more customers or follow up.",
        "zh": "{target}：预计到活动日为 {projected}，目标为 {goal}。请增加邀请或跟进已邀请的客户。",
    },
    "mon.act.target_behind.rate": {
        "en": "{target}: heading for {projected} by the event day, against a target of {goal}. Send reminders or call those invited.",
        "zh": "{target}：预计到活动日为 {projected}，目标为 {goal}。请向已邀请的客户发送提醒或电话跟进。",
    },
    "mon.act.target_at_risk": {
        "en": "{target}: heading for {projected} by the event day, just short of {goal}. Follow up with those invited.",
        "zh": "{target}：预计到活动日为 {projected}，略低于目标 {goal}。请跟进已邀请的客户。",
    },
    "mon.act.target_missed": {
        "en": "{target}: {actual} by the event day, against a target of {goal}: missed. Note why for the review.",
        "zh": "{target}：活动日为 {actual}，目标为 {goal}，未达成。请记录原因供复盘。",
    },
    "mon.how": {"en": "How this was computed", "zh": "计算方法"},
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
        "en": "Nothing to monitor yet: there is no contacts data for this campaign. Once invitations go out, add the contacts export to the campaign's settings.",
        "zh": "暂无可监控的内容：本活动还没有联系记录数据。邀请发出后，请在活动设置中加入联系记录导出文件。",
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
        "en": "{channel}: {rate} is {value}, below the threshold of {threshold} (based on {n}). Its interval still reaches the threshold, so this may be chance.",
        "zh": "{channel}：{rate}为 {value}，低于阈值 {threshold}（分母 {n}）。置信区间仍覆盖阈值，可能是随机波动。",
    },
    "mon.alert.rate_clear": {
        "en": "{channel}: {rate} is {value}, clearly below the threshold of {threshold} (based on {n}; the whole {level}% interval is below it).",
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
    "mon.p_equals": {"en": "p\u00a0=\u00a0{p}", "zh": "p\u00a0=\u00a0{p}"},
    "mon.p_below": {"en": "p\u00a0{p}", "zh": "p\u00a0{p}"},
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
    "mon.alert.target_missed": {
        "en": "{target}: {actual} by the end of the event day ({event}) against the target of {goal}: the target was missed.",
        "zh": "{target}：截至活动日（{event}）日终为 {actual}，目标为 {goal}：目标未达成。",
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
    "mon.caption.rates": {"en": "Rates at each step", "zh": "各环节转化率"},
    "mon.caption.message": {
        "en": "Invitation rates, with {level}% confidence intervals",
        "zh": "邀请环节转化率（括号内为 {level}% 置信区间）",
    },
    "mon.caption.event": {
        "en": "Registration and attendance, with {level}% confidence intervals",
        "zh": "报名与到场情况（括号内为 {level}% 置信区间）",
    },
    "mon.funnel_method": {
        "en": "How to read this: events up to the end of {as_of} are counted. Delivery rate = delivered / invited; open rate = opened / delivered; click rate = clicked / delivered; click-through = clicked / opened; registration rate = registered / invited; attendance rate = attended / registered; participation = attended / invited. The range in brackets is a {level}% confidence interval (Wilson): it is wide when few customers are counted, so small differences between channels may be chance. A customer registers once, through the channel they answered first.",
        "zh": "阅读说明：统计截至 {as_of} 日终的记录。送达率 = 送达 / 邀请；打开率 = 打开 / 送达；点击率 = 点击 / 送达；点击转化率 = 点击 / 打开；报名确认率 = 报名 / 邀请；到场率 = 到场 / 报名；参与率 = 到场 / 邀请。括号内为 {level}% 置信区间（Wilson）：客户数少时区间较宽，渠道之间的小差异可能只是随机波动。每位客户只报名一次，计入其最先响应的渠道。",
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
    "mon.state.reached": {"en": "Reached", "zh": "已达成"},
    "mon.state.missed": {"en": "Missed", "zh": "未达成"},
    "mon.result": {"en": "Result", "zh": "结果"},
    "mon.caption.targets_final": {
        "en": "Targets at the end of the event day, {event}",
        "zh": "截至活动日（{event}）日终的各项目标",
    },
    "mon.progress_method": {
        "en": "How the status is set: each target's value on the event day ({event}) is projected by continuing the pace of the last {days} days in a straight line. Before the event day, attendance is projected as the registrations not cancelled times an expected show-up of {show_up}. On track: the projection reaches the target; at risk: it falls short by at most {margin} of the target; behind: it falls short by more.",
        "zh": "状态判定方法：按最近 {days} 天的进度线性外推，预测各目标在活动日（{event}）的数值。活动日之前，到场人数按“未取消的报名人数 × 预计到场比例 {show_up}”预测。进度正常：预测值达到目标；存在风险：预测值低于目标但差距不超过目标的 {margin}；落后：差距更大。",
    },
    "mon.no_targets": {
        "en": "No targets are set for this campaign.",
        "zh": "本活动未设置目标。",
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
        "en": "Instant satisfaction: a mean of {mean} out of 5 from {n} attendees ({level}% confidence interval {ci}); {csat} gave a 4 or 5.",
        "zh": "即时满意度：{n} 位到场客户的平均分为 {mean}（满分 5 分；{level}% 置信区间 {ci}）；{csat} 的客户给出 4 分或 5 分。",
    },
    "mon.questions": {
        "en": "{questions} questions were asked on site, by {askers} of the {attendees} attendees ({per} per attendee).",
        "zh": "现场共提问 {questions} 次，{attendees} 位到场客户中有 {askers} 位提问（人均 {per} 次）。",
    },
    "mon.feedback_method": {
        "en": "How the score is read: attendees rate the event from 1 to 5 on site, once each. The range is the usual {level}% confidence interval of a mean (Student's t); the share of 4 and 5 is the satisfaction rate (CSAT).",
        "zh": "评分说明：到场客户在现场按 1 至 5 分为活动评分，每人一次。区间为均值的 {level}% 置信区间（t 分布）；4 分和 5 分的占比即满意率（CSAT）。",
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
    "mon.caption.incidents": {
        "en": "Cancellations come from the contacts data, the other incidents from the team's log",
        "zh": "取消报名来自联系记录，其他事件来自团队记录",
    },
    "mon.cancel_rate": {
        "en": "{count} registrations were cancelled: {rate} of all registrations.",
        "zh": "共有 {count} 个报名被取消，占全部报名的 {rate}。",
    },
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
    "mon.srm_not_configured": {
        "en": "The check of the group sizes was skipped: the groups in the assignment are not the planned groups. Set the planned split in the campaign's settings.",
        "zh": "已跳过分组人数检查：分组名单中的组别与计划的组别不一致。请在活动设置中填写计划比例。",
    },
    "mon.srm_ok": {
        "en": "Group sizes: treatment and control match the planned split, overall and in every segment.",
        "zh": "分组人数：实验组与对照组的人数在整体和各客户群中均与计划比例相符。",
    },
    "mon.srm_mismatch": {
        "en": "Group sizes: treatment and control do not match the planned split in {segments}. Check the assignment before trusting any effect.",
        "zh": "分组人数：{segments}的实验组与对照组人数与计划比例不符。在采信任何效果之前，请先检查分组。",
    },
    "mon.caption.srm": {
        "en": "Group sizes against the planned split",
        "zh": "各组人数与计划比例",
    },
    "mon.srm_method": {
        "en": "Sample ratio check: each segment's group sizes are compared with its own planned split, and all assigned customers with the split the segments' plans imply together, by the standard test of counts against planned shares (chi-square goodness of fit; per segment, so opposite imbalances in two segments cannot cancel out). A mismatch (p < {alpha}) in any of them usually means a broken assignment or a data problem.",
        "zh": "样本比例检查：用卡方拟合优度检验，逐个客户群比较其各组人数与本群计划比例，并比较全部分组客户与各群计划比例合计得出的比例（逐群检验，避免两个客户群方向相反的偏差相互抵消）。任一检验出现比例异常（p < {alpha}）通常意味着分组或数据流程出了问题。",
    },
    "mon.srm_source.plan_json": {
        "en": "Planned split: the shares the assignment was drawn with, as recorded in the plan of run {run} beside it (they stay in force even if the params' holdout share was changed later).",
        "zh": "计划比例：分组实际使用的比例，取自与分组同一运行 {run} 的策划记录（即使此后参数中的对照组比例被修改，也以此为准）。",
    },
    "mon.srm_source.monitoring_params": {
        "en": "Planned split: as set for monitoring in the campaign's settings.",
        "zh": "计划比例：取自活动设置中为监控填写的比例。",
    },
    "mon.srm_source.plan_params": {
        "en": "Planned split: the holdout share of the campaign's settings; no plan record was found for this assignment.",
        "zh": "计划比例：取自活动设置中的对照组比例；未找到该分组的策划记录。",
    },
    "mon.srm_source.params_ignored": {
        "en": "The split set for monitoring in the campaign's settings is not used: the plan record holds the split the assignment was actually drawn with.",
        "zh": "活动设置中为监控填写的比例未被采用：策划记录中保存的是分组实际使用的比例。",
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
    "mon.chart.mix.attended": {
        "en": "Segment mix: the invited against the attendees",
        "zh": "客户群构成：受邀客户与到场客户对比",
    },
    "mon.chart.mix.registered": {
        "en": "Segment mix: the invited against the registrations",
        "zh": "客户群构成：受邀客户与报名客户对比",
    },
    "mon.chart.scores": {"en": "On-site scores", "zh": "现场评分分布"},
    "mon.chart.incidents": {
        "en": "Cancellations per day and logged incidents",
        "zh": "每日取消报名数与记录的异常事件",
    },
    # what each chart shows, with its key number (the image's alt text)
    "mon.alt.funnel": {
        "en": "Bar chart of the customers at each step over all channels: {invited} invited, {registered} registered ({registered_share} of invited) and {attended} attended ({attended_share}).",
        "zh": "条形图：全部渠道各环节的客户数。已邀请 {invited} 人，已报名 {registered} 人（占邀请的 {registered_share}），已到场 {attended} 人（{attended_share}）。",
    },
    "mon.alt.rates": {
        "en": "Four panels (delivery, open, click and registration rate) with each channel's rate, its confidence interval and its alert threshold: {below} of the {total} rates drawn are below their threshold.",
        "zh": "四个分图（送达率、打开率、点击率、报名确认率）：各渠道的转化率、置信区间及预警阈值；图中 {total} 个转化率有 {below} 个低于阈值。",
    },
    "mon.alt.delivery_daily": {
        "en": "Line chart of each channel's delivery rate by day of invitation; the lowest is {channel} on {day}, {rate}.",
        "zh": "折线图：各渠道按邀请日期的送达率；最低为 {day} 的{channel}，{rate}。",
    },
    "mon.alt.progress": {
        "en": "Line chart of the customers reaching each step, day by day from {start} to {as_of}: {invited} invited, {registered} registered and {attended} attended by then; the event day ({event}) is marked.",
        "zh": "折线图：自 {start} 至 {as_of} 逐日累计到达各环节的客户数：截至当日已邀请 {invited} 人、已报名 {registered} 人、已到场 {attended} 人；图中标出活动日（{event}）。",
    },
    "mon.alt.mix.attended": {
        "en": "Bar chart of each segment's share of the invited beside its share of attendees: {segment} makes up {share} of the attendees against {invited} of the invited.",
        "zh": "条形图：各客户群占受邀客户的比例与其占到场客户的比例并列：{segment}占到场客户的 {share}，占受邀客户的 {invited}。",
    },
    "mon.alt.mix.registered": {
        "en": "Bar chart of each segment's share of the invited beside its share of registrations: {segment} makes up {share} of the registrations against {invited} of the invited.",
        "zh": "条形图：各客户群占受邀客户的比例与其占报名客户的比例并列：{segment}占报名客户的 {share}，占受邀客户的 {invited}。",
    },
    "mon.alt.scores": {
        "en": "Bar chart of the on-site scores from 1 to 5: {n} answers with a mean of {mean}; {csat} gave a 4 or 5.",
        "zh": "条形图：1 至 5 分现场评分的分布：共 {n} 个回答，平均分 {mean}；{csat} 给出 4 分或 5 分。",
    },
    "mon.alt.incidents": {
        "en": "Timeline of cancelled registrations per day (bars) and of the incidents the team logged (markers): {cancelled} cancellations and {logged} logged incidents up to {as_of}.",
        "zh": "时间线：每日取消报名数（柱形）与团队记录的异常事件（标记）：截至 {as_of} 共取消 {cancelled} 个报名，记录 {logged} 起异常事件。",
    },
}
