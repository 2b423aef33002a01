package multilink.properties.pin;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.Errno;
import multilink.model.design.Classic;
import multilink.model.design.Design;
import multilink.model.design.Designs;
import multilink.model.design.DongV1;
import multilink.model.design.KnownFinding;
import multilink.model.design.Switch;
import multilink.model.design.Switched;
import multilink.model.design.Switches;
import multilink.model.design.Symptom;
import multilink.model.invariant.Invariants;
import multilink.model.invariant.Violation;
import multilink.model.kernel.Syscalls;
import multilink.model.kernel.Tx;
import multilink.model.state.KState;
import multilink.model.state.Link;
import multilink.model.state.Prog;
import multilink.model.state.ProgType;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Outcome;
import multilink.model.step.Step;
import multilink.model.world.DefaultWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static multilink.properties.pin.Reached.T1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Designs as a preset plus switches: names read and spelled back, the
 * switch catalogue, a switched design delegating to its base's code, the
 * known findings a design may excuse (those whose fix is off) and the
 * findings' symptoms.
 */
class DesignsTest {

    static Design parse(String s) {
        return Designs.parse(s).get();
    }

    static Set<String> set(String... s) {
        return HashSet.of(s);
    }

    // ---- reading and spelling names ----

    /** A spelling, the switches it turns on, and the name the design gives back. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "classic|                                  |classic",
            "upstream|cookies,sort,dedup,retirefix,unregkeep|upstream",
            "upstream-dedup|cookies,sort,retirefix,unregkeep|upstream-dedup",
            "upstream-cookies-sort|dedup,retirefix,unregkeep|upstream-cookies-sort",
            "upstream-sort-cookies|dedup,retirefix,unregkeep|upstream-cookies-sort",
            "upstream-unregkeep|cookies,sort,dedup,retirefix|upstream-unregkeep",
            "upstream+fixes|cookies,sort,dedup,retirefix,unregkeep,detachnofail|upstream+fixes",
            "upstream+detachnofail|cookies,sort,dedup,retirefix,unregkeep,detachnofail|upstream+fixes",
            "upstream-fixes|cookies,sort,dedup,retirefix,unregkeep|upstream",
            "classic+fixes|detachnofail,unregkeep       |classic+fixes",
            "classic+unregkeep|unregkeep               |classic+unregkeep",
            "olsa-v3+cookies|cookies                   |olsa-v3+cookies",
            "olsa-v3+retirefix+dedup|dedup,retirefix   |olsa-v3+dedup+retirefix",
            "olsa-v3+retirefix+dedup+detachnofail+unregkeep|dedup,retirefix,detachnofail,unregkeep|olsa-v3+fixes",
            "olsa-v3+retirefix+dedup+detachnofail|dedup,retirefix,detachnofail|olsa-v3+dedup+detachnofail+retirefix",
            "olsa-v3+fixes|dedup,retirefix,detachnofail,unregkeep|olsa-v3+fixes",
            "olsa-v3+fixes-dedup|retirefix,detachnofail,unregkeep|olsa-v3+detachnofail+retirefix+unregkeep",
            "olsa-v3+fixes+sort|dedup,retirefix,detachnofail,unregkeep,sort|olsa-v3+fixes+sort",
            "dong-v1+fixes+bug_dong_err_leaks_link|unlinkall,kvfree,freeentries,denycheck,tracingflag,detachnofail,unregkeep,bug_dong_err_leaks_link|dong-v1+fixes+bug_dong_err_leaks_link",
            "dong-v1+fixes-kvfree|unlinkall,freeentries,denycheck,tracingflag,detachnofail,unregkeep|dong-v1+denycheck+detachnofail+freeentries+tracingflag+unlinkall+unregkeep",
            "classic+bug_no_tramp_limit-bug_no_tramp_limit|  |classic",
            "classic+bug_no_tramp_limit+bug_close_prog_no_put|bug_no_tramp_limit,bug_close_prog_no_put|classic+bug_close_prog_no_put+bug_no_tramp_limit",
    })
    void namesReadAndSpellBack(String spelling, String switches, String name) {
        Design d = parse(spelling);
        Set<String> want = switches == null ? HashSet.empty() : HashSet.of(switches.split(","));
        assertEquals(want, d.switches().toSet(), spelling);
        assertEquals(name, d.name(), spelling);
        // the name reads back as the same design
        assertEquals(d.switches().toSet(), parse(d.name()).switches().toSet());
        assertEquals(d.name(), parse(d.name()).name());
        for (String sw : want) {
            assertTrue(d.on(sw), sw);
        }
    }

    @Test
    void aDesignWithItsPresetsSwitchesIsThePresetItself() {
        for (Design preset : Designs.all()) {
            Design d = parse(preset.name());
            assertEquals(preset, d);
            assertFalse(d instanceof Switched, d.name());
            assertSame(d, d.withSwitches(d.switches()));
            assertEquals(d.preset(), d.name());
        }
        assertInstanceOf(Classic.class, parse("classic+bug_no_tramp_limit-bug_no_tramp_limit"));
        assertInstanceOf(Switched.class, parse("classic+bug_no_tramp_limit"));
        assertEquals(Option.of(parse("dong-v1")), Designs.byName("dong-v1"));
        assertEquals(Option.none(), Designs.byName("dong-v1+nope"));
        assertEquals(List.of("classic", "olsa-v3", "upstream", "dong-v1", "dong-v2-global", "sdt-observer"),
                Designs.all().map(Design::preset));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nope|unknown design 'nope' (designs: classic, olsa-v3, upstream, dong-v1, dong-v2-global, sdt-observer; ./multilink designs lists them and their switches)",
            "classicx|unknown design 'classicx' (designs: classic, olsa-v3, upstream, dong-v1, dong-v2-global, sdt-observer; ./multilink designs lists them and their switches)",
            "''|unknown design '' (designs: classic, olsa-v3, upstream, dong-v1, dong-v2-global, sdt-observer; ./multilink designs lists them and their switches)",
            "classic+|cannot read '+' in design 'classic+': write +switch or -switch",
            "classic+Dedup|cannot read '+Dedup' in design 'classic+Dedup': write +switch or -switch",
            "classic++bug_no_tramp_limit|cannot read '++bug_no_tramp_limit' in design 'classic++bug_no_tramp_limit': write +switch or -switch",
            "dong-v1+unlinkall*x|cannot read '*x' in design 'dong-v1+unlinkall*x': write +switch or -switch",
            "classic+dedup|unknown switch 'dedup' for design classic (./multilink designs lists them)",
            "classic-no_such|unknown switch 'no_such' for design classic (./multilink designs lists them)",
            "upstream+unlinkall|unknown switch 'unlinkall' for design upstream (./multilink designs lists them)",
            "dong-v1+bug_multi_detach_no_del|unknown switch 'bug_multi_detach_no_del' for design dong-v1 (./multilink designs lists them)",
    })
    void badNamesSayWhy(String spelling, String why) {
        assertEquals(Either.left(why), Designs.parse(spelling).map(Design::name));
    }

    /** A user's own design among the bases: the longest name it starts with is the base. */
    static final class Mine extends DongV1 {
        Mine(Set<String> switches) {
            super(switches);
        }

        @Override
        public String name() {
            return "dong-v1-mine";
        }
    }

    @Test
    void aUsersDesignIsReadAsItsOwnBase() {
        Mine mine = new Mine(HashSet.empty());
        List<Design> bases = Designs.all().append(mine);
        assertSame(mine, Designs.parse("dong-v1-mine", bases).get());
        Design d = Designs.parse("dong-v1-mine+unlinkall", bases).get();
        assertEquals("dong-v1-mine+unlinkall", d.name());
        assertSame(mine, ((Switched) d).base(), "its own code, not dong-v1's");
        assertEquals(set("unlinkall"), d.switches().toSet());
        assertEquals("dong-v1", d.preset());
        assertEquals(Either.left("unknown switch 'mine' for design dong-v1 (./multilink designs lists them)"),
                Designs.parse("dong-v1-mine").map(Design::name), "among the presets only, -mine is a switch");
        assertEquals("dong-v1-mine+fixes", Designs.parse("dong-v1-mine+fixes", bases).get().name());
    }

    /** A dong-v1 design is its class and its switches: a user's subclass with the same switches is another. */
    @Test
    void dongV1DesignsAreEqualByClassAndSwitches() {
        DongV1 a = new DongV1(set("kvfree"));
        assertEquals(a, new DongV1(set("kvfree")));
        assertEquals(a.hashCode(), new DongV1(set("kvfree")).hashCode());
        assertEquals(set("kvfree").hashCode(), a.hashCode());
        assertFalse(a.equals(new DongV1(HashSet.empty())));
        assertFalse(a.equals(new Mine(set("kvfree"))), "a subclass is another design");
        assertFalse(new Mine(set("kvfree")).equals(a));
        assertFalse(a.equals("dong-v1"));
        assertEquals(new Mine(set("kvfree")), new Mine(set("kvfree")));
    }

    // ---- the catalogue ----

    @Test
    void theSwitchCatalogue() {
        assertEquals(List.of("cookies", "sort", "trampmod"), Switches.of(Switch.Kind.FEATURE).map(Switch::name));
        assertEquals(List.of("dedup", "retirefix", "detachnofail", "unlinkall", "kvfree", "freeentries", "denycheck",
                "tracingflag", "unregkeep", "sdtkey", "regsnrput", "unlinkupdate", "resetrollback", "mdunlinkall",
                "noretmulti"), Switches.of(Switch.Kind.FIX).map(Switch::name));
        assertEquals(Switches.ALL.size(), Switches.ALL.map(Switch::name).distinct().size(), "names are unique");
        assertTrue(Switches.ALL.forAll(s -> s.name().startsWith("bug_") == (s.kind() == Switch.Kind.BUG)));
        assertTrue(Switches.ALL.forAll(s -> !s.place().isBlank() && !s.summary().isBlank()));
        assertEquals(Option.none(), Switches.byName("nope"));
        assertEquals(Option.of(Switch.Kind.FIX), Switches.byName("kvfree").map(Switch::kind));
        Switch kvfree = Switches.byName("kvfree").get();
        assertTrue(kvfree.appliesTo("dong-v1"));
        assertFalse(kvfree.appliesTo("upstream"));
        List<String> shared = Switches.of(Switch.Kind.BUG).filter(s -> s.appliesTo("classic")).map(Switch::name);
        assertEquals(21, shared.size());
        assertEquals(List.of("trampmod", "detachnofail", "unregkeep").appendAll(shared),
                Switches.forPreset("classic").map(Switch::name));
        assertFalse(Switches.byName("trampmod").get().appliesTo("upstream"), "a 6.1 switch: classic only");
        assertEquals(List.of("cookies", "sort", "dedup", "retirefix", "detachnofail", "unregkeep").appendAll(shared)
                .appendAll(List.of("bug_multi_err_no_tramp_put", "bug_multi_no_free_old", "bug_rollback_leaks_image",
                        "bug_multi_detach_no_del", "bug_multi_detach_no_tramp_put", "bug_hash_alloc_no_put")),
                Switches.forPreset("upstream").map(Switch::name));
        assertEquals(Switches.forPreset("upstream"), Switches.forPreset("olsa-v3"));
        assertEquals(List.of("detachnofail", "unlinkall", "kvfree", "freeentries", "denycheck", "tracingflag", "unregkeep")
                        .appendAll(shared)
                        .appendAll(List.of("bug_dong_err_leaks_link", "bug_dong_dup_btf_no_put", "bug_dong_dup_mod_no_put",
                                "bug_dong_keeps_dst_tramp", "bug_dong_release_no_btf_put", "bug_dong_prime_err_no_unlink")),
                Switches.forPreset("dong-v1").map(Switch::name));
        // seed 003 v2 runs seed 001's UAPI code (kvfree, bug_dong_dup_btf_no_put: family dong-uapi) and its own
        assertTrue(kvfree.appliesTo("dong-v2-global"));
        assertEquals(List.of("detachnofail", "kvfree", "unregkeep").appendAll(shared)
                        .appendAll(List.of("bug_dong_dup_btf_no_put", "regsnrput", "unlinkupdate", "resetrollback",
                                "mdunlinkall", "noretmulti", "bug_dv2_link_err_no_md_put", "bug_dv2_unlink_no_put_ip", "bug_dv2_no_update",
                                "bug_dv2_nr_args_plus_one", "bug_dv2_prime_err_no_unlink", "bug_dv2_release_no_mod_put",
                                "bug_dv2_unreg_keeps_direct")),
                Switches.forPreset("dong-v2-global").map(Switch::name));
        assertEquals(Switches.forPreset("upstream").map(Switch::name).insert(6, "sdtkey").appendAll(List.of(
                        "bug_sdt_release_no_tramp_put", "bug_sdt_err_no_tramp_put", "bug_sdt_release_puts_tgt_prog",
                        "bug_sdt_attach_consumes_dst_prog")),
                Switches.forPreset("sdt-observer").map(Switch::name));
        assertEquals(List.empty(), Switches.forPreset("nope"));
    }

    /** Each preset's findings are fixed by a fix switch of that preset. */
    @Test
    void everyFindingsFixIsAFixOfItsPreset() {
        for (Design d : Designs.all()) {
            for (KnownFinding f : d.presetFindings()) {
                Switch fix = Switches.byName(f.fix()).get();
                assertEquals(Switch.Kind.FIX, fix.kind(), f.toString());
                assertTrue(fix.appliesTo(d.preset()), d.preset() + " " + f);
                assertFalse(f.symptoms().isEmpty());
            }
        }
    }

    // ---- known findings: what a design may excuse, and the design that must be clean ----

    static List<String> hazards(Design d) {
        return d.knownFindings().map(KnownFinding::hazard);
    }

    @Test
    void knownFindingsAreThoseWhoseFixIsOff() {
        assertEquals(List.of("H7", "H8", "H15", "H9"), hazards(parse("olsa-v3")));
        assertEquals(List.of("H8", "H15", "H9"), hazards(parse("olsa-v3+dedup")));
        assertEquals(List.of("H7", "H15", "H9"), hazards(parse("olsa-v3+retirefix")));
        assertEquals(List.of("H7", "H8", "H9"), hazards(parse("olsa-v3+unregkeep")));
        assertEquals(List.empty(), hazards(parse("olsa-v3+fixes")));
        assertEquals(List.of("H7", "H8", "H15", "H9"), parse("olsa-v3+fixes").presetFindings().map(KnownFinding::hazard));
        assertEquals(List.of("H9"), hazards(parse("upstream")));
        assertEquals(List.of("H9"), hazards(parse("upstream-dedup")), "upstream's own fixes are no findings of it");
        assertEquals(List.of("H9"), hazards(parse("upstream-unregkeep")), "nor is the unregister fix it ships");
        assertEquals(List.of("H5", "H3", "H1", "H14", "H4", "H15", "H9"), hazards(parse("dong-v1")));
        assertEquals(List.of("H5", "H3", "H14", "H4", "H15", "H9"), hazards(parse("dong-v1+kvfree")));
        assertEquals(List.of("H15", "H9"), hazards(parse("classic+bug_no_tramp_limit")));
        assertEquals(List.of("H10", "H9"), hazards(parse("sdt-observer")));
    }

    @Test
    void fixedSwitchesAddEveryFixStillOff() {
        assertEquals(set("dedup", "retirefix", "detachnofail", "unregkeep"), parse("olsa-v3").fixedSwitches().toSet());
        assertEquals(set("dedup", "retirefix", "detachnofail", "unregkeep", "cookies"),
                parse("olsa-v3+cookies+dedup").fixedSwitches().toSet());
        assertEquals(set("cookies", "sort", "dedup", "retirefix", "unregkeep", "detachnofail"),
                parse("upstream").fixedSwitches().toSet());
        assertEquals(set("cookies", "sort", "retirefix", "unregkeep", "detachnofail"), parse("upstream-dedup").fixedSwitches().toSet(),
                "dropping upstream's fix is not undone: that is a variant, not a finding");
        assertEquals(set("detachnofail", "unregkeep", "bug_no_tramp_limit"),
                parse("classic+bug_no_tramp_limit").fixedSwitches().toSet(), "a seeded bug stays planted");
        Design fixed = parse("dong-v1").withFixes();
        assertEquals("dong-v1+fixes", fixed.name());
        assertEquals(List.empty(), fixed.knownFindings());
        assertEquals(fixed.switches(), fixed.fixedSwitches());
        assertSame(parse("olsa-v3+fixes").withFixes().getClass(), Switched.class);
    }

    // ---- a switched design runs its base's code ----

    /** A design whose every answer differs from the defaults, and which records what ran. */
    static class Rec implements Design {
        final java.util.List<String> calls = new java.util.ArrayList<>();
        static final KnownFinding FINDING = new KnownFinding("H0", "fix0", List.of(Symptom.any("REF_PROG")), "r");

        @Override
        public String preset() {
            return "rec";
        }

        @Override
        public Set<String> switches() {
            return HashSet.of("base_sw");
        }

        @Override
        public boolean loadsMulti(ProgType type) {
            return type == ProgType.FEXIT_MULTI;
        }

        @Override
        public boolean loadsSdt() {
            return true;
        }

        @Override
        public boolean multiVerifiedAgainstTarget() {
            return true;
        }

        @Override
        public boolean attrFits(Tx tx, Op.AttachMulti op) {
            calls.add("attrFits " + tx.on("x"));
            return false;
        }

        @Override
        public Either<Errno, Integer> attachMulti(Tx tx, Prog prog, Op.AttachMulti op) {
            calls.add("attachMulti");
            return Either.left(Errno.ENOSPC);
        }

        @Override
        public void releaseMulti(Tx tx, Link link) {
            calls.add("releaseMulti");
        }

        static final multilink.model.invariant.Invariant OWN = new multilink.model.invariant.Invariant("REC_OWN",
                "a design's own invariant", st -> List.empty());

        @Override
        public List<multilink.model.invariant.Invariant> invariants() {
            return List.of(OWN);
        }

        @Override
        public List<FaultPoint> faultPoints() {
            return List.of(FaultPoint.KVMALLOC_VMALLOC);
        }

        @Override
        public List<KnownFinding> presetFindings() {
            return List.of(FINDING);
        }
    }

    @Test
    void aSwitchedDesignDelegatesToItsBase() {
        Rec rec = new Rec();
        Design d = rec.withSwitches(set("x", "fix0"));
        Switched sw = assertInstanceOf(Switched.class, d);
        assertSame(rec, sw.base());
        assertEquals("rec", d.preset());
        assertEquals("rec+fixes+x-base_sw", d.name());
        assertTrue(d.loadsMulti(ProgType.FEXIT_MULTI));
        assertFalse(d.loadsMulti(ProgType.FENTRY_MULTI));
        assertTrue(d.loadsSdt());
        assertTrue(d.multiVerifiedAgainstTarget());
        assertEquals(List.of(FaultPoint.KVMALLOC_VMALLOC), d.faultPoints());
        assertEquals(List.of(Rec.FINDING), d.presetFindings());
        assertEquals(List.of(Rec.OWN), d.invariants());
        assertEquals(List.empty(), d.knownFindings(), "its fix is on");
        assertEquals(List.of(Rec.FINDING), rec.knownFindings());
        // another switch set is another Switched of the same base; the base's own set is the base
        Switched other = assertInstanceOf(Switched.class, d.withSwitches(set("y")));
        assertSame(rec, other.base());
        assertSame(rec, d.withSwitches(rec.switches()));
        assertEquals(d, d.withSwitches(set("x", "fix0")));
        // the syscalls run the base's code with the switched set
        KState s = KState.initial(DefaultWorld.get());
        Outcome load = Syscalls.step(d, s, Reached.load(ProgType.FEXIT_MULTI, T1));
        assertEquals(Errno.OK, load.errno(), load.events().toString());
        Outcome attach = Syscalls.step(d, load.state(), Reached.multi(2, T1));
        assertEquals(Errno.EINVAL, attach.errno(), "CHECK_ATTR: the base's attrFits said no");
        assertEquals(List.empty(), attach.events(), "before the prog fd is looked at");
        assertEquals(java.util.List.of("attrFits true"), rec.calls);
        Outcome sdt = Syscalls.step(d, s, Step.of(new Op.Load(ProgType.SDT,
                new multilink.model.world.Target.SdtProbe(1, "probe_pass"), false)));
        assertEquals(Errno.OK, sdt.errno(), "the base loads sdt progs");
    }

    /** The presets' own answers through a switched design, both ways. */
    @Test
    void aSwitchedPresetAnswersAsThePreset() {
        for (Design preset : Designs.all()) {
            Design d = preset.withSwitches(preset.switches().add("bug_no_tramp_limit"));
            assertInstanceOf(Switched.class, d);
            assertEquals(preset.loadsSdt(), d.loadsSdt());
            assertEquals(preset.multiVerifiedAgainstTarget(), d.multiVerifiedAgainstTarget(), preset.name());
            for (ProgType t : ProgType.values()) {
                assertEquals(preset.loadsMulti(t), d.loadsMulti(t), preset.name() + " " + t);
            }
            assertEquals(preset.faultPoints(), d.faultPoints());
            assertTrue(d.attrFits(null, null));
        }
        assertFalse(parse("upstream+bug_no_tramp_limit").loadsSdt());
        assertFalse(parse("upstream+bug_no_tramp_limit").multiVerifiedAgainstTarget());
        assertTrue(parse("dong-v1+bug_no_tramp_limit").multiVerifiedAgainstTarget());
    }

    @Test
    void aSwitchedDesignsMultiPathsAreItsBases() {
        Rec rec = new Rec() {
            @Override
            public boolean attrFits(Tx tx, Op.AttachMulti op) {
                return true;
            }
        };
        Design d = rec.withSwitches(set("x"));
        KState s = Syscalls.step(d, KState.initial(DefaultWorld.get()), Reached.load(ProgType.FEXIT_MULTI, T1))
                .state();
        Outcome attach = Syscalls.step(d, s, Reached.multi(2, T1));
        assertEquals(Errno.ENOSPC, attach.errno());
        assertEquals(java.util.List.of("attachMulti"), rec.calls);
        // a link the base made is released by the base
        Link l = new Link(1, multilink.model.state.LinkType.TRACING_MULTI, 2, List.empty(), Option.none(),
                List.empty(), List.empty(), List.empty());
        KState linked = Reached.refProg(Reached.put(s, l), 2, 1);
        Outcome close = Syscalls.step(d, linked, Reached.closeLink(1));
        assertEquals(Errno.OK, close.errno());
        assertEquals(java.util.List.of("attachMulti", "releaseMulti"), rec.calls);
        assertEquals(s, close.state());
    }

    /** Syscalls.step with another switch set than the design's own: how a checker runs the fixed twin. */
    @Test
    void stepsRunWithTheSwitchesGiven() {
        Design classic = parse("classic");
        KState s = Reached.run("classic", Reached.load(ProgType.FENTRY, T1));
        Outcome own = Syscalls.step(classic, s, Reached.closeProg(2));
        Outcome planted = Syscalls.step(classic, set("bug_close_prog_no_put"), s, Reached.closeProg(2));
        assertEquals(List.empty(), Invariants.check(s, own));
        assertEquals(List.of("REF_PROG"), Invariants.check(s, planted).map(Violation::invariant));
        Outcome switched = Syscalls.step(parse("classic+bug_close_prog_no_put"), s, Reached.closeProg(2));
        assertEquals(planted.state(), switched.state());
        assertEquals(planted.events().map(Object::toString), switched.events().map(Object::toString));
    }

    // ---- findings and their symptoms ----

    static Violation vio(String invariant, String object) {
        return new Violation(invariant, object, "e", "a");
    }

    @Test
    void aSymptomIsAnInvariantAndAWholeObjectPattern() {
        Symptom s = Symptom.of("NO_DANGLING", "img\\(.*\\) calls|ftrace site .*");
        assertTrue(s.matches(vio("NO_DANGLING", "ftrace site " + T1)));
        assertTrue(s.matches(vio("NO_DANGLING", "img(" + T1 + ":L1/p2||) calls")));
        assertFalse(s.matches(vio("NO_DANGLING", "trampoline " + T1 + " cur_image")));
        assertFalse(s.matches(vio("NO_DANGLING", "an ftrace site " + T1)), "the whole object, not a part");
        assertFalse(s.matches(vio("IMAGE_OWNED", "ftrace site " + T1)), "another invariant");
        assertEquals("NO_DANGLING[img\\(.*\\) calls|ftrace site .*]", s.toString());
        Symptom any = Symptom.any("IMAGE_OWNED");
        assertTrue(any.matches(vio("IMAGE_OWNED", "anything at all")));
        assertTrue(any.matches(vio("IMAGE_OWNED", "")));
        assertFalse(any.matches(vio("IMAGE_OWNEDX", "x")));
        assertEquals("IMAGE_OWNED", any.toString());
        assertEquals(".*", any.object().pattern());
    }

    static KnownFinding finding(String design, String hazard) {
        return parse(design).presetFindings().find(f -> f.hazard().equals(hazard)).get();
    }

    @Test
    void aFindingExplainsOnlyItsSymptoms() {
        KnownFinding h9 = Classic.H9;
        assertEquals("H9 (fix: +detachnofail)", h9.toString());
        assertTrue(h9.explains(vio("NO_KERNEL_WARN", "link 1: ENOMEM")));
        assertTrue(h9.explains(vio("NO_KERNEL_WARN", "link 3 " + T1 + ": ENOMEM")));
        assertTrue(h9.explains(vio("NO_KERNEL_WARN", "update_ftrace_direct_del")));
        assertFalse(h9.explains(vio("NO_KERNEL_WARN", T1)), "a trampoline put with progs on it is not H9's");
        assertTrue(h9.explains(vio("NO_DANGLING", "ftrace site " + T1)));
        assertFalse(h9.explains(vio("NO_DANGLING", "trampoline " + T1 + " cur_image")), "a freed cur_image is H8's");
        assertFalse(h9.explains(vio("NO_UNDERFLOW", "image x (double free)")));
        assertTrue(h9.explains(vio("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning ENOMEM: progs[2]")));
        assertFalse(h9.explains(vio("REF_MODULE", "module bpf_testmod")), "a leaked module is no stale image");
        KnownFinding h8 = finding("olsa-v3", "H8");
        assertTrue(h8.explains(vio("NO_DANGLING", "trampoline " + T1 + " cur_image")));
        assertTrue(h8.explains(vio("NO_UNDERFLOW", "image img(x) (double free)")));
        assertFalse(h8.explains(vio("NO_UNDERFLOW", "prog 2")));
        assertFalse(h8.explains(vio("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning ENOMEM: progs[2]")),
                "H8 is a detach: close never fails");
        assertTrue(finding("olsa-v3", "H7").explains(vio("FAILED_SYSCALL_CHANGES_NOTHING", "x")));
        KnownFinding h1 = finding("dong-v1", "H1");
        assertTrue(h1.explains(vio("FREE_MATCHES_ALLOC", "kfree(cookies) of vmalloc memory")));
        assertTrue(h1.explains(vio("FAILED_SYSCALL_CHANGES_NOTHING",
                "syscall returning EINVAL: warning FREE_MISMATCH(kfree(btf_ids) of vmalloc memory)")));
        assertFalse(h1.explains(vio("FAILED_SYSCALL_CHANGES_NOTHING", "syscall returning EINVAL: progs[2]")));
        KnownFinding h3 = finding("dong-v1", "H3");
        assertTrue(h3.explains(vio("NO_MEMORY_LEAK", "link.entries")));
        assertFalse(h3.explains(vio("NO_MEMORY_LEAK", "bpf_tracing_multi_link")));
        assertFalse(h3.explains(vio("NO_MEMORY_LEAK", "link_entries")), "a literal dot");
        assertTrue(h3.explains(vio("FAILED_SYSCALL_CHANGES_NOTHING",
                "syscall returning EEXIST: warning MEMORY_LEAK(link.entries)")));
        KnownFinding h14 = finding("dong-v1", "H14");
        assertTrue(h14.explains(vio("ATTACH_ALLOWED", "trampoline do_exit prog 2 (noreturn_deny)")));
        assertTrue(h14.explains(vio("ATTACH_ALLOWED", "trampoline migrate_disable prog 2 (btf_id_deny)")));
        assertFalse(h14.explains(vio("ATTACH_ALLOWED", "trampoline x prog 2 (fmod_ret allowlist)")));
        KnownFinding h5 = finding("dong-v1", "H5");
        assertTrue(h5.explains(vio("LINKINFO_MATCHES", "trampoline x node L3/p4")));
        assertFalse(h5.explains(vio("REF_BTF", "vmlinux")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "olsa-v3", "upstream", "dong-v1"})
    void everyPresetFindsH9AndFixesSwitchEveryFixOn(String preset) {
        Design d = parse(preset);
        assertTrue(d.presetFindings().contains(Classic.H9));
        assertEquals(d.switches().addAll(d.presetFindings().map(KnownFinding::fix)).toSet(),
                parse(preset + "+fixes").switches().toSet());
        assertEquals(d.fixedSwitches().toSet(), parse(preset + "+fixes").switches().toSet());
    }
}
