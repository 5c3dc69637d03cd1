package demo

// Subjects of the INBOX messages written in legacy charsets, so that tests in
// other packages can find them. They are UTF-8 here; on the wire they are
// RFC 2047 encoded words in the named charset.
const (
	SubjectGBK       = "关于下周项目评审会议的安排"
	SubjectGB2312    = "周末聚餐通知"
	SubjectBig5      = "年度報告草稿請審閱"
	SubjectISO2022JP = "来週の打ち合わせについて"
	SubjectLatin1    = "Réunion de l'équipe à Zürich"
)

// intlMessage is one message written in a legacy charset.
type intlMessage struct {
	from    person
	subject string
	charset string // charset of subject, From name and body
	body    string // UTF-8; encoded to charset when rendered
}

func gbkMessage() intlMessage {
	return intlMessage{
		from:    person{name: "王小明", addr: "wang.xiaoming@example.net", charset: "GBK", zone: 480},
		subject: SubjectGBK,
		charset: "GBK",
		body: `Alex，你好：

下周三下午两点在三楼大会议室召开项目评审会议，主要议题如下：

1. tern 0.9 版本的发布计划和时间表；
2. 邮件列表界面的性能测试结果；
3. 中文编码（GBK、GB2312、Big5）显示问题的修复进展。

请提前准备好你负责部分的进度汇报，大约十分钟。如果时间有冲突，请尽早告诉我。

谢谢！

王小明
项目管理部
`,
	}
}

func gb2312Message() intlMessage {
	return intlMessage{
		from:    person{name: "李娜", addr: "li.na@example.net", charset: "GB2312", zone: 480},
		subject: SubjectGB2312,
		charset: "GB2312",
		body: `各位同事：

本周五晚上六点半在公司附近的川菜馆聚餐，欢迎大家参加。
请在周四中午之前回复是否参加，方便订位。

李娜
`,
	}
}

func big5Message() intlMessage {
	return intlMessage{
		from:    person{name: "陳怡君", addr: "chen.yijun@example.org", charset: "Big5", zone: 480},
		subject: SubjectBig5,
		charset: "Big5",
		body: `Alex 您好：

附上今年的年度報告草稿，請在下週一之前審閱並提供意見。
第三章關於使用者體驗的部分特別需要您的建議。

謝謝您的協助！

陳怡君
台北辦公室
`,
	}
}

func iso2022JPMessage() intlMessage {
	return intlMessage{
		from:    person{name: "佐藤花子", addr: "hanako.sato@example.org", charset: "ISO-2022-JP", zone: 540},
		subject: SubjectISO2022JP,
		charset: "ISO-2022-JP",
		body: `Alex さん

お疲れ様です。佐藤です。

来週の打ち合わせですが、火曜日の午後三時からでいかがでしょうか。
議題は以下の通りです。

・検索機能の改善案
・日本語メールの文字化け対策
・次回リリースのスケジュール

ご都合が悪い場合はお知らせください。

よろしくお願いいたします。

佐藤花子
`,
	}
}

func latin1Message() intlMessage {
	return intlMessage{
		from:    person{name: "François Lefèvre", addr: "francois.lefevre@example.org", charset: "ISO-8859-1", zone: 60},
		subject: SubjectLatin1,
		charset: "ISO-8859-1",
		body: `Bonjour Alex,

Voici l'ordre du jour pour la réunion de jeudi à Zürich :

- présentation des résultats du trimestre ;
- déménagement du bureau de Genève ;
- questions diverses (café, clés, parking).

N'hésite pas à ajouter des points. À bientôt !

François
`,
	}
}

// liveChinese is the body of the GBK sample used for live delivery.
func liveChinese() (subject, body string) {
	return "服务器维护通知", `各位用户：

今晚十一点到明早六点进行服务器例行维护，期间邮件收发可能会有延迟。
给您带来的不便，敬请谅解。

运维部
`
}

// liveJapanese is the body of the ISO-2022-JP sample used for live delivery.
func liveJapanese() (subject, body string) {
	return "資料を送付しました", `Alex さん

先ほどの会議の資料を共有フォルダに置きました。
ご確認をお願いします。

佐藤
`
}
