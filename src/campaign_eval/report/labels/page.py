"""Words of the page itself: contents, header, notices and the run index."""

LABELS = {
    "page.contents": {"en": "Contents", "zh": "目录"},
    "page.campaign": {"en": "Campaign", "zh": "活动"},
    "page.run_date": {"en": "Run date", "zh": "运行日期"},
    "page.data_as_of": {"en": "Data as of", "zh": "数据截至"},
    "page.run": {"en": "Run", "zh": "运行"},
    "page.started": {"en": "Started", "zh": "开始时间"},
    "page.finished": {"en": "Finished", "zh": "结束时间"},
    "page.run_overview": {"en": "Run overview", "zh": "运行概览"},
    "page.links": {"en": "Pages of this run", "zh": "本次运行的页面"},
    "page.previous": {"en": "← {stage}", "zh": "← {stage}"},
    "page.next": {"en": "{stage} →", "zh": "{stage} →"},
    "page.stages": {"en": "Stages", "zh": "阶段"},
    "page.duration": {"en": "Duration", "zh": "耗时"},
    "page.colon": {"en": ": ", "zh": "："},
    "page.open_report": {"en": "Open the report", "zh": "查看报告"},
    "page.artifacts": {"en": "Files", "zh": "文件"},
    "page.notes": {"en": "Notes", "zh": "备注"},
    "page.n_a": {"en": "n/a", "zh": "不适用"},
    "page.chart_alt": {"en": "Chart", "zh": "图表"},
    "page.notice": {
        "en": "This section could not be completed; the run log has the details.",
        "zh": "本节未能完成，详情请见运行日志。",
    },
    "page.failed_at": {
        "en": "Stopped at cell {cell}: {name}: {message}",
        "zh": "在第 {cell} 个单元格停止：{name}：{message}",
    },
    "page.failed_without_cell": {
        "en": "Stopped: {name}: {message}",
        "zh": "已停止：{name}：{message}",
    },
    "page.status_complete": {"en": "complete", "zh": "已完成"},
    "page.status_failed": {"en": "failed", "zh": "失败"},
    "page.status_skipped": {"en": "skipped", "zh": "已跳过"},
    "page.status_running": {"en": "running", "zh": "运行中"},
    "page.status_pending": {"en": "not started", "zh": "未开始"},
    "page.run_complete": {"en": "COMPLETE", "zh": "已完成"},
    "page.run_failed": {"en": "FAILED", "zh": "失败"},
    "page.run_running": {"en": "RUNNING", "zh": "运行中"},
    "page.seconds": {"en": "{s} s", "zh": "{s} 秒"},
    "page.minutes": {"en": "{m} min {s:02d} s", "zh": "{m} 分 {s:02d} 秒"},
    "page.hours": {"en": "{h} h {m:02d} min", "zh": "{h} 小时 {m:02d} 分"},
    # the run's files: what each is and who it is for
    "page.file.report": {
        "en": "the {stage} report, for everyone involved (opens in any browser, offline)",
        "zh": "{stage}报告，供所有相关人员阅读（任何浏览器均可离线打开）",
    },
    "page.file.notebook": {
        "en": "the executed {stage} notebook, for the analyst (open in JupyterLab)",
        "zh": "已执行的{stage}笔记本，供分析师在 JupyterLab 中打开",
    },
    "page.file.segments": {
        "en": "every customer's segment and tier, for the plan stage and for analysts",
        "zh": "每位客户的客户群与层级，供策划阶段和分析师使用",
    },
    "page.file.segment_lists": {
        "en": "customer lists of the segments as a workbook, for the sales team",
        "zh": "各客户群的客户名单工作簿，供销售团队使用",
    },
    "page.file.segment_list": {
        "en": "the full customer list of one segment, for importing into the CRM",
        "zh": "单个客户群的完整客户名单，供导入客户关系管理系统",
    },
    "page.file.assignment": {
        "en": "every targeted customer's segment and group (treatment or control), for the evaluation and for audits",
        "zh": "每位目标客户的客户群与分组（实验组或对照组），供效果评估和审计使用",
    },
    "page.file.target_lists": {
        "en": "the contact lists per segment, control customers marked 'do not contact', for the sales team",
        "zh": "按客户群分表的联系名单，对照组客户标注“请勿联系”，供销售团队使用",
    },
    "page.file.plan_xlsx": {
        "en": "goals, design, schedule and budget as a workbook, for the campaign owner",
        "zh": "目标、实验设计、执行计划与预算工作簿，供活动负责人使用",
    },
    "page.file.plan_json": {
        "en": "the plan in machine-readable form, read by the evaluation",
        "zh": "机器可读的活动计划，供效果评估读取",
    },
    "page.file.monitoring_json": {
        "en": "funnel, targets and alerts in machine-readable form, read by the next monitoring run",
        "zh": "机器可读的漏斗、目标与预警，供下一次监控运行比较",
    },
    "page.file.contamination": {
        "en": "the control customers who were contacted, for the CRM team to stop contacting them",
        "zh": "被误联系的对照组客户名单，供客户关系管理团队停止联系",
    },
    "page.file.funnel_counts": {
        "en": "funnel counts per channel and segment, for analysts",
        "zh": "按渠道和客户群统计的漏斗人数，供分析师使用",
    },
    "page.file.evaluation_json": {
        "en": "every comparison, goal verdict and the return in machine-readable form, for dashboards and audits",
        "zh": "机器可读的全部比较、目标结论与投入产出，供仪表盘和审计使用",
    },
    "page.file.evaluation_effects": {
        "en": "the comparisons with the control group as a table, for analysts",
        "zh": "与对照组比较的结果表，供分析师使用",
    },
    "page.file.manifest": {
        "en": "what ran, with which inputs (checksums) and versions, for audits",
        "zh": "本次运行的内容、输入文件校验值与软件版本，供审计使用",
    },
    "page.file.run_log": {
        "en": "warnings and errors of the run, for the analyst",
        "zh": "运行中的警告与错误，供分析师排查",
    },
    "page.file.marker": {
        "en": "a marker saying how the run ended, for schedulers",
        "zh": "标记运行结束状态的文件，供调度程序读取",
    },
    "page.file.other": {"en": "a file of the run", "zh": "本次运行的文件"},
    # outputs/index.html: every campaign of an outputs folder
    "page.campaigns": {"en": "Campaigns", "zh": "活动一览"},
    "page.campaigns_intro": {
        "en": "Every campaign in this folder: its latest run, and the latest complete run's answer.",
        "zh": "本文件夹中的全部活动：各自最近一次运行，以及最近一次完整运行的结论。",
    },
    "page.latest_run": {"en": "Latest run", "zh": "最近一次运行"},
    "page.latest_complete": {"en": "Latest complete run", "zh": "最近一次完整运行"},
    "page.no_complete_run": {
        "en": "No run of this campaign has completed yet.",
        "zh": "该活动尚无完整完成的运行。",
    },
    "page.return_verdict": {"en": "Return", "zh": "投入产出"},
    "page.roi.met": {"en": "standard met", "zh": "达到标准"},
    "page.roi.not_met": {"en": "standard not met", "zh": "未达到标准"},
    "page.roi.cant_tell": {"en": "can't tell yet", "zh": "尚无法判断"},
}
