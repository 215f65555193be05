// Command testsummary reads `go test -json` on standard input and prints
// what plain `go test` would (a line per package, the output of failed
// tests and of build failures), then one closing line
// "go-test: N passed, N failed, N skipped" that CI reads. It exits 1 when
// any test or package failed, so a pipeline with pipefail fails too.
//
// With -counts FILE it also writes "passed failed skipped" to FILE.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
)

type event struct {
	Action      string
	Package     string
	ImportPath  string
	Test        string
	Output      string
	Elapsed     float64
	FailedBuild string
}

type key struct{ pkg, test string }

func main() {
	countsFile := flag.String("counts", "", "write 'passed failed skipped' to this file")
	verbose := flag.Bool("v", false, "print every test's result")
	flag.Parse()

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	var passed, failed, skipped int
	pkgFailed := false
	logs := map[key][]string{}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var ev event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &ev) != nil {
			fmt.Fprintln(out, string(line)) // not JSON: pass it through
			continue
		}
		k := key{ev.Package, ev.Test}
		switch ev.Action {
		case "build-output":
			fmt.Fprint(out, ev.Output)
		case "build-fail":
			pkgFailed = true
		case "output":
			logs[k] = append(logs[k], ev.Output)
			if ev.Test == "" && isPackageLine(ev.Output) {
				fmt.Fprint(out, ev.Output)
			}
		case "pass", "fail", "skip":
			if ev.Test == "" {
				if ev.Action == "fail" {
					pkgFailed = true
					// Package-level output (a panic, TestMain, a build error).
					for _, l := range logs[k] {
						if !isPackageLine(l) {
							fmt.Fprint(out, l)
						}
					}
				}
				delete(logs, k)
				continue
			}
			switch ev.Action {
			case "pass":
				passed++
			case "fail":
				failed++
				for _, l := range logs[k] {
					fmt.Fprint(out, l)
				}
			case "skip":
				skipped++
			}
			if *verbose && ev.Action != "fail" {
				fmt.Fprintf(out, "--- %s: %s (%.2fs)\n", strings.ToUpper(ev.Action), ev.Test, ev.Elapsed)
			}
			delete(logs, k)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(out, "testsummary:", err)
		pkgFailed = true
	}
	fmt.Fprintf(out, "go-test: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if *countsFile != "" {
		_ = os.WriteFile(*countsFile, []byte(fmt.Sprintf("%d %d %d\n", passed, failed, skipped)), 0o600)
	}
	if failed > 0 || pkgFailed {
		out.Flush()
		os.Exit(1)
	}
}

// isPackageLine recognises go test's own per-package summary lines.
func isPackageLine(s string) bool {
	return strings.HasPrefix(s, "ok  \t") || strings.HasPrefix(s, "FAIL\t") || strings.HasPrefix(s, "?   \t") ||
		strings.HasPrefix(s, "ok \t")
}
