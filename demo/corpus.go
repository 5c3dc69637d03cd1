package demo

// Sample text for the demo mailbox: who writes, about what, and in which words.
// Everything here is constant data returned by functions, so callers can never
// change it for each other. The non-English samples are in corpus_intl.go.

// person is a mail participant.
type person struct {
	name    string
	addr    string
	charset string // charset of the RFC 2047 encoded name; "" means UTF-8
	zone    int    // UTC offset in minutes, used for the Date header
	sig     string // signature block, without the "-- " line
}

// me is the demo account's owner.
func me() person {
	return person{name: "Alex Morgan", addr: "alex@example.com", zone: 60,
		sig: "Alex Morgan\nPlatform team, Example Corp"}
}

// colleagues are the people who mail the demo account about work.
func colleagues() []person {
	return []person{
		{name: "Priya Raman", addr: "priya.raman@example.com", zone: 330,
			sig: "Priya Raman | Engineering Manager\n+44 20 7946 0018"},
		{name: "Jonas Becker", addr: "jonas.becker@example.com", zone: 60},
		{name: "Marie Dubois", addr: "marie.dubois@example.com", zone: 60,
			sig: "Marie Dubois\nDesign"},
		{name: "Sam Okafor", addr: "sam.okafor@example.com", zone: 0},
		{name: "Lena Novak", addr: "lena.novak@example.com", zone: 60,
			sig: "Lena"},
		{name: "Daniel O'Brien", addr: "dan.obrien@example.com", zone: -300},
		{name: "Grace Kim", addr: "grace.kim@example.com", zone: -480,
			sig: "Grace Kim\nSite Reliability"},
		{name: "Mateo García", addr: "mateo.garcia@example.com", zone: 60},
		{name: "Olivia Chen", addr: "olivia.chen@example.com", zone: -420},
		{name: "Ravi Shah", addr: "ravi.shah@example.net", zone: 330},
		{name: "Hannah Weiß", addr: "hannah.weiss@example.net", zone: 60},
		{name: "Tom Lindqvist", addr: "tom.lindqvist@example.net", zone: 60,
			sig: "Tom\n-- sent from a very small keyboard"},
	}
}

// listPeople post to the mailing lists.
func listPeople() []person {
	return []person{
		{name: "Russ Whitfield", addr: "rwhitfield@example.org", zone: -300},
		{name: "Keiko Tanaka", addr: "keiko@example.org", zone: 540},
		{name: "Bartosz Nowicki", addr: "bartosz@example.org", zone: 60},
		{name: "Ana Souza", addr: "ana.souza@example.org", zone: -180},
		{name: "Fergus MacLeod", addr: "fergus@example.org", zone: 0},
		{name: "Ivan Petrov", addr: "ivan.p@example.org", zone: 180},
		{name: "Chloe Martin", addr: "chloe.martin@example.org", zone: 60},
		{name: "Nikhil Iyer", addr: "nikhil@example.org", zone: 330},
		{name: "Erik Johansson", addr: "erikj@example.org", zone: 60},
		{name: "Ming Zhao", addr: "ming.zhao@example.org", zone: 480},
	}
}

// workSubjects are subjects of everyday work mail.
func workSubjects() []string {
	return []string{
		"Quarterly planning: first draft",
		"Can we move Thursday's sync?",
		"Notes from today's standup",
		"Budget for the Berlin offsite",
		"Onboarding checklist for new hires",
		"Feedback on the search UI mockups",
		"Security review of the token refresh flow",
		"Reminder: expense reports due Friday",
		"Postmortem: staging outage on Tuesday",
		"Hiring loop for the backend role",
		"Request for access to the metrics dashboard",
		"Proposal: drop support for TLS 1.0",
		"Draft blog post about the new client",
		"Interview schedule for next week",
		"Follow-up on the vendor contract",
		"Conference talk submission, please review",
		"Office closed on Monday",
		"Migration plan for the old mail archive",
		"Question about the IDLE timeout",
		"On-call handover",
		"Team lunch poll",
		"Performance numbers for 50k-message folders",
		"Laptop refresh: pick your model",
		"Design review: folder tree",
		"Customer report: attachments show as noname",
		"Weekly metrics summary",
		"Documentation gaps in the setup guide",
		"Can you review my pull request?",
		"Updated roadmap slides",
		"Travel booking for the summit",
	}
}

// workParagraphs are body paragraphs that fit most work subjects.
func workParagraphs() []string {
	return []string{
		"I went through the numbers again this morning and they hold up. The only open question is whether we count the migration work against this quarter or the next one.",
		"Could you take a look before Thursday? Nothing is urgent, but I would like to send it around to the wider team by the end of the week.",
		"We agreed to keep the scope small: fix the crash, add the missing test, and leave the refactoring for a separate change.",
		"The meeting room is booked from 14:00 to 15:00. If that does not work for you, propose another slot in the calendar and I will move it.",
		"I have attached my notes below. Corrections are welcome, especially on the parts about the deployment schedule.",
		"From what I can see the problem only happens on folders with more than a few thousand messages, which is why nobody noticed it in testing.",
		"Let's not block the release on this. We can ship with the known issue documented and follow up in the next point release.",
		"Thanks for the quick turnaround on this. The customer confirmed that the fix works for them.",
		"I talked to the finance team and they are fine with the proposal as long as we stay within the original budget.",
		"The new dashboard is live. Latency is flat since Monday, and the error rate dropped to almost zero after the config change.",
		"Please add your availability to the shared sheet so we can pick a date that works for most people.",
		"I am out of office from Wednesday to Friday with limited access to mail. Sam is covering for me in the meantime.",
		"One more thing: the staging certificate expires at the end of the month, so we should renew it before anyone goes on holiday.",
		"I do not have a strong opinion here. Both options are fine by me, pick whichever is easier to maintain.",
		"The draft is in the shared folder. I marked the sections I am unsure about in yellow.",
		"We tried the workaround from the issue tracker and it did not help. I will collect more logs tomorrow.",
		"Good news: legal approved the new terms, so we can go ahead and sign.",
		"Can someone with admin rights reset the test account? It is locked again after too many failed logins.",
		"I am happy to pair on this if it helps. Tuesday afternoon is mostly free for me.",
		"Summary of the discussion: we keep the current design, rename the settings key, and write a migration note.",
	}
}

// replyOpeners start a reply before the quoted text.
func replyOpeners() []string {
	return []string{
		"Thanks, that makes sense.",
		"Agreed, with one small change below.",
		"Sounds good to me.",
		"I am not sure about this part.",
		"Good catch, I missed that.",
		"Short answer: yes.",
		"Let me check and get back to you.",
		"+1, let's do it.",
		"That works for me.",
		"I would rather wait until next week.",
		"Done, see the updated version.",
		"Interesting. Do we have numbers for that?",
	}
}

// signoffs close a message before the signature.
func signoffs() []string {
	return []string{"Thanks,", "Best,", "Cheers,", "Regards,", "Talk soon,", "Thanks!"}
}

// topic is a subject with an opening message and curated replies.
type topic struct {
	subject string
	opening string
	replies []string
}

// releaseTopic is the long INBOX thread (most of its replies are curated).
func releaseTopic() topic {
	return topic{
		subject: "Release plan for tern v0.9",
		opening: "Hi all,\n\nHere is the proposed plan for v0.9. Feature freeze on the 12th, two weeks of bug fixing, release candidate on the 26th and the final release a week later if nothing serious turns up.\n\nThe big items are the new message list, IDLE support and the charset fixes for legacy Chinese and Japanese mail. Please reply with anything that is missing.\n\nThanks,\nPriya",
		replies: []string{
			"The charset work is nearly done. GBK and Big5 decode correctly now; ISO-2022-JP still needs a test with real mail from a Japanese client.",
			"Can we add the offline cache to the list? It is not finished, but it would be good to get early feedback behind a flag.",
			"I would keep the offline cache out of this release. It touches too much, and we have not tested it with large folders.",
			"Agreed with Jonas. Ship IDLE and the new list first, the cache can go into 0.10.",
			"Fine with me. I will update the tracking issue and move the cache work to the next milestone.",
			"What about Windows? The terminal resize handling is still broken in the old console host.",
			"Windows Terminal works fine. The old console host is out of scope, let's document that.",
			"I tested IDLE against Dovecot and the embedded server. Reconnects after a laptop sleep work, but it takes up to 30 seconds to notice the dead connection.",
			"30 seconds is acceptable for this release. Can you open an issue for the faster detection?",
			"Issue filed. I also found that the unread counter is off by one after moving a message on one of the test servers.",
			"That is a server bug, not ours: it sends one EXPUNGE too many for MOVE. We work around it by recounting after MOVE.",
			"Release notes draft is in the wiki. Please check your sections by Friday.",
			"Looks good. I fixed two typos in the IDLE section and added the Windows note.",
			"RC1 is tagged. Please install it and use it as your daily mail client until the release.",
			"Found one crash when a message has an empty Content-Type. Fix is in review.",
			"Fix merged. If nothing else comes up, we release on Monday.",
		},
	}
}

// goTopics are discussions for the golang-nuts list.
func goTopics() []topic {
	return []topic{
		{subject: "Generic constraint for types with a String method",
			opening: "I want a function that accepts any type whose pointer has a String method. Writing the constraint as interface{ *T; String() string } does not compile. Is there an idiomatic way to express this?",
			replies: []string{
				"You need a second type parameter: func F[T any, PT interface{ *T; fmt.Stringer }](v T). Then convert with PT(&v).",
				"This pattern comes up a lot. The type inference works as long as PT only appears in the constraint.",
				"Be aware that every instantiation with a different T gets its own shape, so binary size can grow.",
				"Thanks, the two-parameter version works. Inference picks PT automatically, which I did not expect.",
				"For what it is worth, in most code I have seen, a plain fmt.Stringer parameter is simpler and fast enough.",
				"True, but here the function also needs to allocate new values of T, which the interface version cannot do.",
				"Then the two-parameter form is the right tool. There is a good explanation in the generics FAQ.",
				"Related question: can the constraint also require comparable? Adding it to the PT interface does not seem to work.",
				"Put comparable on T, not on PT: [T comparable, PT interface{ *T; fmt.Stringer }].",
				"That was it. Thank you all, this thread saved me an afternoon.",
				"One last note for the archive: go vet does not catch a nil PT, so be careful with zero values.",
			}},
		{subject: "Why does my goroutine leak with time.After in a loop?",
			opening: "A long-running select loop uses time.After for a timeout, and memory keeps growing. pprof shows timers. What am I doing wrong?"},
		{subject: "[ANN] fastjsonl v1.2.0: streaming JSON Lines decoder",
			opening: "I am happy to announce v1.2.0. It adds support for io.Reader inputs larger than 4 GiB and is about 30% faster on small records."},
		{subject: "Best practice for context cancellation in HTTP handlers",
			opening: "When a client disconnects, r.Context() is cancelled. Should database calls started from the handler stop too, or should they finish and roll back?"},
		{subject: "Proposal discussion: iterator adapters in the standard library",
			opening: "Now that range-over-func is stable, is there interest in Map, Filter and Take helpers in an x/ package first?"},
		{subject: "go test -race reports a race in sync.Pool usage",
			opening: "The race detector flags a read in Pool.Get after a Put from another goroutine. Is this a false positive or am I misusing the pool?"},
		{subject: "Cross-compiling with cgo for arm64",
			opening: "I need to build a binary that links against libsqlite3 for a Raspberry Pi. What is the least painful toolchain setup these days?"},
		{subject: "Embedding files larger than 1 GB with go:embed",
			opening: "The build takes forever and the linker runs out of memory. Is there a practical size limit for embedded files?"},
		{subject: "Unexpected allocation when converting []byte to string in a map lookup",
			opening: "I thought m[string(b)] does not allocate, but the benchmark shows one allocation per lookup. Go 1.26, amd64."},
	}
}

// dovecotTopics are discussions for the dovecot list.
func dovecotTopics() []topic {
	return []topic{
		{subject: "Sieve filter not applied to mail delivered over LMTP",
			opening: "After upgrading, my sieve scripts are ignored for mail that arrives through LMTP. Delivery through the LDA still works. Config attached below.",
			replies: []string{
				"Did you add sieve to mail_plugins inside protocol lmtp? It is not inherited from the global setting.",
				"It is there. doveconf -n shows mail_plugins = quota sieve for lmtp.",
				"Check the sieve_dir and sieve location settings; the variable names changed in the upgrade.",
				"The location was indeed wrong. It pointed to the old home directory layout.",
				"Glad it works. Please add the fix to the wiki page on upgrading, others will hit the same thing.",
				"Another thing to check in this situation is the log with mail_debug = yes; it prints which script it tries to load.",
				"Good tip, mail_debug showed the path immediately. Wiki updated.",
				"Thanks. Marking as solved in the tracker.",
				"Late reply: the same issue happens with per-user scripts in a shared namespace, same fix applies.",
			}},
		{subject: "IMAP IDLE clients disconnected every 30 minutes",
			opening: "Clients report that IDLE connections drop exactly every 30 minutes. There is a load balancer in front of the servers."},
		{subject: "Replication with dsync between two sites",
			opening: "What is the recommended setup for two-way replication between two data centres today? Is dsync still the way to go?"},
		{subject: "Quota warning mails sent twice",
			opening: "Users get the 90% quota warning twice within a second. We use the count quota backend."},
		{subject: "Full text search with Xapian: index size",
			opening: "The FTS index is now bigger than the mail itself for some users. Is that expected with the default settings?"},
		{subject: "Special-use folders not created for new users",
			opening: "I set auto = subscribe and special_use for Sent, Drafts, Trash and Junk, but new users only get INBOX."},
	}
}

// genericListReplies answer list threads without curated replies.
func genericListReplies() []string {
	return []string{
		"I have seen the same behaviour. It went away after upgrading to the latest release.",
		"Can you post the exact version and a minimal config that reproduces it?",
		"This is covered in the documentation, under the troubleshooting section.",
		"We run a similar setup in production without problems; the difference might be the load balancer timeout.",
		"A workaround that worked for us: set the keepalive lower than the proxy's idle timeout.",
		"Thanks, that fixed it for me as well.",
		"Not a bug, as far as I can tell: the behaviour is documented and intended.",
		"I filed an issue with a reproducer. Link in my signature.",
	}
}

// spamTopics fill the Junk folder.
func spamTopics() []topic {
	return []topic{
		{subject: "You have (1) pending parcel - confirm delivery address",
			opening: "Your package could not be delivered. Confirm your address within 24 hours or it will be returned to the sender."},
		{subject: "Congratulations!!! You are our lucky winner",
			opening: "You have been selected to receive a brand new phone. Claim your prize now, only 3 left in stock."},
		{subject: "Urgent: your mailbox will be deactivated",
			opening: "Your mailbox storage is full. Verify your account now to avoid deactivation of your email."},
		{subject: "Re: Invoice overdue",
			opening: "Please find the overdue invoice attached and settle the payment today to avoid legal action."},
		{subject: "Lose 10 kg in 10 days with this one trick",
			opening: "Doctors hate it. Discover the simple routine that thousands are already using."},
		{subject: "Business proposal (confidential)",
			opening: "I am contacting you about a business opportunity of mutual benefit involving a large sum of money."},
	}
}

// newsletterItems are headlines for the weekly HTML newsletter.
func newsletterItems() []string {
	return []string{
		"Range-over-func iterators, one year later",
		"Profile-guided optimisation in practice: 8% for free",
		"A faster encoding/json is coming",
		"Structured logging with log/slog: patterns that scale",
		"Writing terminal UIs that survive resizing",
		"How we cut our container image to 9 MB",
		"Fuzzing a mail parser: 14 bugs in a weekend",
		"Understanding the garbage collector's pacer",
		"Testing network code without sleeping",
		"The case for fewer goroutines",
		"Go on RISC-V: the state of the port",
		"Error wrapping: when to use %w",
		"Generic data structures worth writing",
		"Profiling memory in long-running daemons",
	}
}

// ciJobs are the builds that send notifications.
func ciJobs() []string {
	return []string{"test (linux, go1.26)", "test (windows)", "lint", "race", "integration (dovecot)", "release-snapshot"}
}

// pullRequests are titles of code review notifications.
func pullRequests() []string {
	return []string{
		"Fix IDLE reconnect after laptop sleep",
		"Decode GB2312 as GBK",
		"Render format=flowed text",
		"Add key binding overrides",
		"Virtualise the message list",
		"Keep the folder tree when a parent is missing",
		"Show the server's NO text in the status bar",
	}
}

// shopItems are things the demo user orders online.
func shopItems() []string {
	return []string{"USB-C hub (7 ports)", "Mechanical keyboard, brown switches", "Noise-cancelling headphones",
		"27\" monitor arm", "The Go Programming Language (paperback)", "Coffee beans, 1 kg", "Standing desk mat"}
}

// incidentSummary opens the long incident report.
func incidentSummary() string {
	return `Summary: between 02:10 and 03:40 UTC, IMAP commands on the mail backend took
up to 12 seconds instead of the usual 20 ms. No mail was lost. The cause was
a full-text-search reindex that started on all backends at the same time
after a configuration push.

Impact: about 4,000 users saw slow folder loads; 180 clients timed out and
reconnected. Webmail was not affected.

Timeline and the relevant log lines follow. The action items are at the end.`
}

// incidentActions closes the long incident report.
func incidentActions() string {
	return `Action items:

1. Stagger FTS reindexing across backends (owner: Grace).
2. Alert on p99 command latency above 2 s for 5 minutes (owner: Sam).
3. Document how to pause indexing during an incident (owner: Alex).`
}

// accessibilityNotes are the paragraphs of the format=flowed message.
func accessibilityNotes() []string {
	return []string{
		"Thanks for joining the accessibility review yesterday. Here are my notes, roughly in the order we discussed things.",
		"Screen readers: the message list is announced row by row, but the unread state is only shown with colour. We should add a text marker or an attribute the reader can pick up.",
		"Contrast: the default theme passes, the solarized one fails for dimmed text. Marie will adjust the palette.",
		"Keyboard: every action is reachable without a mouse, which is great. The help overlay should say which keys are disabled in the current view instead of hiding them silently.",
	}
}
