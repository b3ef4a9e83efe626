"""The plan's template texts: the activity of each segment and the resources of each phase.

What the report shows when the params give no activity (``plan.activities``) or resources of their
own; part of the plan's labels (``labels/plan.py`` merges them).
"""

TEMPLATE_LABELS = {
    "plan.act.core.form": {"en": "Executive salon", "zh": "高管沙龙"},
    "plan.act.core.content": {
        "en": "Industry outlook; preview of the product roadmap; one-to-one executive exchange",
        "zh": "行业趋势分享；产品路线图预览；高层一对一交流",
    },
    "plan.act.core.highlight": {
        "en": "Exclusive benefits and a tailored service plan",
        "zh": "专属权益与定制化服务方案",
    },
    "plan.act.core.channel": {
        "en": "Personal invitation by the account manager, email",
        "zh": "客户经理专人邀请、邮件",
    },
    "plan.act.growth.form": {"en": "Product training webinar", "zh": "产品培训网络研讨会"},
    "plan.act.growth.content": {
        "en": "Hands-on product training; customer case sharing; resource pack",
        "zh": "产品实操培训；客户案例分享；资源包",
    },
    "plan.act.growth.highlight": {
        "en": "Practical know-how that helps them grow with us",
        "zh": "助力业务增长的实用方法",
    },
    "plan.act.growth.channel": {"en": "Email, SMS", "zh": "邮件、短信"},
    "plan.act.churn_risk.form": {
        "en": "Personal call with a retention offer",
        "zh": "专人回访与专属优惠",
    },
    "plan.act.churn_risk.content": {
        "en": "Listen to and solve open issues; a personal offer; a follow-up visit",
        "zh": "倾听并解决遗留问题；专属优惠；上门回访",
    },
    "plan.act.churn_risk.highlight": {
        "en": "A named contact who resolves their problem",
        "zh": "专人负责，解决客户问题",
    },
    "plan.act.churn_risk.channel": {"en": "Phone call, SMS", "zh": "电话、短信"},
    "plan.act.new.form": {
        "en": "Onboarding session and customer community",
        "zh": "新客户入门培训与客户社群",
    },
    "plan.act.new.content": {
        "en": "Getting-started guide; after-sales support contacts; invitation to the community",
        "zh": "入门指南；售后支持联系人；邀请加入客户社群",
    },
    "plan.act.new.highlight": {
        "en": "A smooth start and people to ask",
        "zh": "顺利上手，随时有人解答",
    },
    "plan.act.new.channel": {"en": "Email, community group", "zh": "邮件、客户社群"},
    "plan.act.maintain.form": {"en": "Regular care newsletter", "zh": "常规关怀通讯"},
    "plan.act.maintain.content": {
        "en": "Product news; service reminders; satisfaction survey",
        "zh": "产品动态；服务提醒；满意度调查",
    },
    "plan.act.maintain.highlight": {"en": "Staying in touch", "zh": "保持联系"},
    "plan.act.maintain.channel": {"en": "Email", "zh": "邮件"},
    "plan.res.preparation": {
        "en": "Customer lists, content and material, venue and tools booked",
        "zh": "客户名单、内容与物料、场地与工具预订",
    },
    "plan.res.promotion": {
        "en": "Invitation templates, email and SMS sending, sales reps' calls",
        "zh": "邀请模板、邮件与短信发送、销售电话邀约",
    },
    "plan.res.event": {
        "en": "Hosts, speakers, venue or webinar tool, sign-in",
        "zh": "主持人、讲师、场地或会议工具、签到",
    },
    "plan.res.follow_up": {
        "en": "Thank-you messages, survey, sales follow-up of every attendee",
        "zh": "感谢信息、满意度问卷、销售逐一跟进参会客户",
    },
}
