package multilink.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guest's report format (init and loader.c) as the serial port delivers it, CRLF included. */
class GuestOutputTest {
    static final String REPORT = String.join("\r\n",
            "[    1.0] some kernel noise before the marker",
            "=== multilink-live begin",
            "uname 6.1.0-56-amd64",
            "vuln retbleed Mitigation:_untrained_return_thunk",
            "sym __bpf_prog_enter_recur 0xffffffff8123eef0",
            "sym __bpf_tramp_enter 0xffffffff8123f750",
            "ready iterator=1",
            "job 0 begin",
            "tramp tr=0xffff88803ff266c0 key=0x18000cdca flags=0xe func=0xffffffff81856b60 im=0xffff888006065800 "
                    + "image=0xffffffffc0203000 size=0 head=0x44c0ff66 thunk=0xffffffff81e01d30 ret_size=4 ret_flags=0 "
                    + "nr_args=3 arg_size=1,4,8 arg_flags=0,0,1",
            "progs fentry cnt=2 0xffffc900000dd000:0xffffffffc0000ccc:0x0 0xffffc900000de000:0xffffffffc0000d00:0x7",
            "progs fexit cnt=0",
            "progs fmod_ret cnt=0",
            "bytes 554889e5c3cc",
            "job 0 end",
            "job 1 begin",
            "attach 0 524",
            "job 1 end",
            "scenario 0 begin",
            "step 1 0",
            "step 2 16",
            "step 3 0 link_id=8 prog_id=13 type=2 attach_type=24",
            "end",
            "done",
            "=== multilink-live end",
            "");

    @Test
    void parsesTrampolinesRefusalsAndSteps() {
        GuestOutput o = GuestOutput.parse(REPORT).get();
        assertEquals("6.1.0-56-amd64", o.facts().get("uname").get());
        assertEquals("Mitigation:_untrained_return_thunk", o.facts().get("vuln retbleed").get());
        assertEquals(0xffffffff8123eef0L, o.symbols().get("__bpf_prog_enter_recur").get());
        TrampDump t = o.jobs().get("0").get().tramp().get();
        assertEquals(0xe, t.flags());
        assertEquals(0xffffffffc0203000L, t.image());
        assertEquals(io.vavr.collection.List.of(1, 4, 8), t.argSize());
        assertEquals(io.vavr.collection.List.of(0, 0, 1), t.argFlags());
        assertEquals(2, t.fentry().size());
        assertEquals(7L, t.fentry().get(1).cookie());
        assertEquals(0xffffc900000dd000L, t.fentry().get(0).prog());
        assertEquals(6, t.bytes().length);
        assertFalse(t.startsWithEndbr());
        JobResult.Refusal r = o.jobs().get("1").get().refusal().get();
        assertEquals("attach", r.stage());
        assertEquals(524, r.errno());
        var steps = o.steps().get("0").get();
        assertEquals(3, steps.size());
        assertEquals(16, steps.get(1).errno());
        assertEquals("13", steps.get(2).info().get("prog_id").get());
    }

    @Test
    void aReportWithoutItsEndMarkerIsIncomplete() {
        String cut = REPORT.substring(0, REPORT.indexOf("job 1 end"));
        assertFalse(GuestOutput.complete(cut));
        assertTrue(GuestOutput.parse(cut).isLeft());
        assertEquals("last started: job 1", GuestOutput.lastJob(cut));
        assertEquals(1, GuestOutput.jobsDone(cut));
        assertEquals("no report from the guest at all", GuestOutput.lastJob("kernel panic"));
    }

    @Test
    void aLoaderErrorOutsideAJobFailsTheParse() {
        String bad = "=== multilink-live begin\nerror setup 2\n=== multilink-live end\n";
        assertEquals("the guest's loader reported: error setup 2", GuestOutput.parse(bad).getLeft());
    }

    @Test
    void endbrHeadsFollowIsEndbr() {
        assertTrue(withHead(0xfa1e0ff3).startsWithEndbr());   // endbr64
        assertTrue(withHead(0xfb1e0ff3).startsWithEndbr());   // endbr32
        assertTrue(withHead(0x001f0f66).startsWithEndbr());   // the seal poison
        assertFalse(withHead(0xe5894855).startsWithEndbr());  // push rbp; mov rbp,rsp
    }

    private static TrampDump withHead(int head) {
        return new TrampDump(0, 0, 0, 0, 0, 0, 0, head, 0, 0, 0, 0, io.vavr.collection.List.empty(),
                io.vavr.collection.List.empty(), io.vavr.collection.List.of(io.vavr.collection.List.empty(),
                io.vavr.collection.List.empty(), io.vavr.collection.List.empty()), new byte[0]);
    }
}
