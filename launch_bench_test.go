//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"tern/internal/dovetest"
	"tern/internal/proxy"
)

// BenchmarkLaunch measures tern as a user meets it: the real binary in a
// tmux terminal against Dovecot over TLS on loopback, from launch until the
// newest row is on screen, and the process's peak RSS once the folder's
// UID list has arrived too; each without the header cache and with a warm
// one, on loopback, through the test proxy with 50 and 150 ms of added
// round-trip time, and through the proxy holding SELECT's answer 3 s
// (select=held3s). Run with, for example:
//
//	go test -run '^$' -bench 'Launch/messages=50000/rtt=0s' -benchtime 5x .
//
// TERN_BENCH_SEED_DIR=/dev/shm/tern-seeded keeps each size's seeded
// Maildir there between runs (dovetest.SeedMaildirKept), so only the
// first run seeds.
func BenchmarkLaunch(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is needed to give tern a terminal")
	}
	// A private tmux server, kept alive by a session of its own: when the
	// last session of a server ends the server exits, and a launch that
	// comes right after it fails with "server exited unexpectedly".
	if out, err := tmux("new-session", "-d", "-s", "hold", "sleep", "3600").CombinedOutput(); err != nil {
		b.Fatalf("tmux: %v\n%s", err, out)
	}
	b.Cleanup(func() { tmux("kill-server").Run() })
	bin := filepath.Join(b.TempDir(), "tern")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for _, n := range []int{50_000, 200_000, 1_000_000} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			if n >= 1_000_000 {
				needMillion(b)
			}
			srv := dovetest.Start(b, dovetest.Options{})
			if n >= 1_000_000 {
				needRoom(b, srv.Dir)
			}
			srv.SeedMaildirKept(b, os.Getenv(dovetest.SeedKeepEnv), "alice", "INBOX", n, dovetest.Message)
			// rtt=0 is TLS on loopback; otherwise plaintext through the
			// test proxy, which delays each direction by half the rtt.
			for _, rtt := range []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond} {
				addr, tls := srv.TLSAddr, true
				if rtt > 0 {
					p := proxy.Start(b, srv.Addr)
					p.Delay(rtt)
					addr, tls = p.Addr, false
				}
				// cache=off is tern without the header cache; cache=warm
				// starts with the cache a previous run left.
				for _, cached := range []bool{false, true} {
					name := fmt.Sprintf("rtt=%v/cache=%s", rtt, map[bool]string{false: "off", true: "warm"}[cached])
					b.Run(name, func(b *testing.B) {
						conf := writeBenchConfig(b, addr, tls, srv.CAFile, cached)
						benchLaunches(b, bin, conf, n, cached, nil)
					})
				}
			}
			// A server slow to open the folder: the proxy holds the answer
			// to each launch's SELECT for 3 s.
			p := proxy.Start(b, srv.Addr)
			hold := func() {
				p.HoldAnswer(func(l string) bool { return strings.Contains(l, " SELECT ") }, 3*time.Second)
			}
			for _, cached := range []bool{false, true} {
				b.Run("select=held3s/cache="+map[bool]string{false: "off", true: "warm"}[cached], func(b *testing.B) {
					conf := writeBenchConfig(b, p.Addr, false, srv.CAFile, cached)
					benchLaunches(b, bin, conf, n, cached, hold)
				})
			}
		})
	}
}

// needMillion skips the 1,000,000-message folder unless asked for
// (TERN_BENCH_MILLION=1: seeding takes minutes).
func needMillion(b *testing.B) {
	if os.Getenv("TERN_BENCH_MILLION") != "1" {
		b.Skip("1,000,000 messages: set TERN_BENCH_MILLION=1 (seeding takes minutes and about 5 GB of disk)")
	}
}

// needRoom skips the 1,000,000-message folder unless the file system of
// the Dovecot instance at dir has room (a tmpfs in /dev/shm where there is
// one, which is memory): a million small Maildir files take about 4 GB in
// 4 KB blocks, and Dovecot's index some 100 MB more.
func needRoom(b *testing.B, dir string) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		b.Skipf("1,000,000 messages: cannot tell the free space: %v", err)
	}
	if free := st.Bavail * uint64(st.Bsize); free < 8<<30 {
		b.Skipf("1,000,000 messages: %d MiB free where Dovecot keeps its mail (%s), 8 GiB wanted", free>>20, filepath.Dir(dir))
	}
}

// benchLaunches times b.N launches after two that warm the folder (and
// the cache); arm, if not nil, runs before each launch.
func benchLaunches(b *testing.B, bin, conf string, n int, cached bool, arm func()) {
	cacheDir := b.TempDir()
	run := func() (time.Duration, rss) {
		if arm != nil {
			arm()
		}
		return launch(b, bin, conf, cacheDir, n)
	}
	run()
	run()
	var total time.Duration
	var most rss
	var each []string // a mean of 3 hides one slow launch: each is logged
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, m := run()
		total += d
		each = append(each, strconv.FormatInt(d.Milliseconds(), 10))
		most = rss{max(most.peak, m.peak), max(most.file, m.file), max(most.anon, m.anon), max(most.cacheMap, m.cacheMap)}
	}
	b.Logf("first rows per launch (ms): %s", strings.Join(each, " "))
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-first-rows")
	b.ReportMetric(float64(most.peak)/1024, "MiB-peak-RSS")
	b.ReportMetric(float64(most.file)/1024, "MiB-binary-RSS")
	b.ReportMetric(float64(most.anon)/1024, "MiB-anon-RSS")
	b.ReportMetric(float64(most.cacheMap)/1024, "MiB-cache-map-RSS")
	if cached {
		if fi, err := os.Stat(filepath.Join(cacheDir, "tern", "bench.db")); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "MiB-cache-file")
		}
	}
}

func writeBenchConfig(b *testing.B, addr string, tls bool, caFile string, cached bool) string {
	host, port := splitAddr(addr)
	conf := filepath.Join(b.TempDir(), "config.toml")
	security := "tls"
	if !tls {
		security = "plain"
	}
	text := fmt.Sprintf("[[account]]\nname = \"bench\"\nhost = %q\nport = %d\nsecurity = %q\nusername = \"alice\"\npassword = \"secret\"\nca_file = %q\ncache = %v\n",
		host, port, security, caFile, cached)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		b.Fatal(err)
	}
	return conf
}

// rss is tern's memory in KiB once the UID list has arrived: its peak
// RSS, and of its RSS now the file-backed part (the binary's pages and
// the cache file's), the anonymous part (heap, stacks) and the pages of
// the mapped cache file.
type rss struct{ peak, file, anon, cacheMap int }

// launch runs tern once and returns the time to the first rows and its
// memory once the UID list has arrived.
func launch(b *testing.B, bin, conf, cacheDir string, n int) (firstRows time.Duration, m rss) {
	session := "ternbench" + strconv.Itoa(os.Getpid())
	state := b.TempDir()
	start := time.Now()
	cmd := tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
		"env", "XDG_STATE_HOME="+state, "XDG_CACHE_HOME="+cacheDir, bin, "--config", conf)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("tmux: %v\n%s", err, out)
	}
	defer endSession(session)
	newest := fmt.Sprintf("message %d", n-1)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		screen, _ := tmux("capture-pane", "-p", "-t", session).Output()
		if firstRows == 0 && strings.Contains(string(screen), newest) {
			firstRows = time.Since(start)
		}
		if firstRows != 0 && strings.Contains(string(screen), "unseen") {
			return firstRows, memory(b, session)
		}
		time.Sleep(2 * time.Millisecond) // polling the screen; this is a benchmark, not a test
	}
	screen, _ := tmux("capture-pane", "-p", "-t", session).Output()
	b.Fatalf("tern did not show %q and the unseen count:\n%s", newest, screen)
	return 0, rss{}
}

// endSession ends tern and waits until its process is gone, so the next
// launch finds the header cache unlocked.
func endSession(session string) {
	out, _ := tmux("list-panes", "-t", session, "-F", "#{pane_pid}").Output()
	tmux("kill-session", "-t", session).Run()
	pid := strings.TrimSpace(string(out))
	for i := 0; pid != "" && i < 5000; i++ {
		if _, err := os.Stat("/proc/" + pid); err != nil {
			return
		}
		time.Sleep(time.Millisecond) // polling for the exit; this is a benchmark, not a test
	}
}

// memory reads tern's RSS from /proc.
func memory(b *testing.B, session string) (m rss) {
	out, err := tmux("list-panes", "-t", session, "-F", "#{pane_pid}").Output()
	if err != nil {
		b.Fatal(err)
	}
	pid := strings.TrimSpace(string(out))
	// The pane runs env, which execs tern: the pane's pid is tern's.
	status, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "VmHWM:":
			m.peak = kb
		case "RssFile:":
			m.file = kb
		case "RssAnon:":
			m.anon = kb
		}
	}
	if m.peak == 0 {
		b.Fatal("no VmHWM in /proc status")
	}
	// The cache file's mapping: its header line names the file, and its
	// Rss: line follows.
	smaps, _ := os.ReadFile("/proc/" + pid + "/smaps")
	inCache := false
	for _, line := range strings.Split(string(smaps), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 6 && strings.Contains(f[0], "-"):
			inCache = strings.HasSuffix(f[5], ".db")
		case inCache && len(f) >= 2 && f[0] == "Rss:":
			kb, _ := strconv.Atoi(f[1])
			m.cacheMap += kb
		}
	}
	return m
}

// tmux runs a command on the benchmark's private tmux server.
func tmux(args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-L", "ternbench" + strconv.Itoa(os.Getpid())}, args...)...)
}
