package multilink.spec.tla;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import multilink.model.state.ProgType;
import multilink.model.step.Fault;
import multilink.model.step.FaultPoint;
import multilink.model.step.Op;
import multilink.model.step.Step;
import multilink.model.world.Target;
import multilink.spec.canon.CanonicalState;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static multilink.spec.tla.TlaValue.bool;
import static multilink.spec.tla.TlaValue.num;
import static multilink.spec.tla.TlaValue.rec;
import static multilink.spec.tla.TlaValue.seq;
import static multilink.spec.tla.TlaValue.set;
import static multilink.spec.tla.TlaValue.str;

/**
 * A model {@link Step} as the spec's step record (module Syscalls: op, its
 * arguments, fault = [point, hit]) and back. Options are sets of at most one
 * element, as everywhere in the spec.
 */
public final class StepCodec {
    private static final Pattern SUBPROG = Pattern.compile("prog(\\d+):(.+)");
    private static final Pattern PROBE = Pattern.compile("prog(\\d+)@(.+)");
    private static final TlaValue NO_FAULT = rec("point", str("none"), "hit", num(0));

    private StepCodec() {
    }

    public static TlaValue encode(Step step) {
        TlaValue fault = step.fault().map(f -> (TlaValue) rec("point", str(f.point().scenarioName()),
                "hit", num(f.hit()))).getOrElse(NO_FAULT);
        Op op = step.op();
        if (op instanceof Op.Load l) {
            return rec("op", str("load"), "type", str(l.type().scenarioName()),
                    "target", CanonicalState.target(l.target()), "sleepable", bool(l.sleepable()), "fault", fault);
        }
        if (op instanceof Op.CloseProg c) {
            return rec("op", str("close_prog"), "prog", num(c.prog()), "fault", fault);
        }
        if (op instanceof Op.Attach a) {
            return rec("op", str("attach"), "prog", num(a.prog()),
                    "retarget", set(a.retarget().map(CanonicalState::target)), "cookie", num(a.cookie()),
                    "fault", fault);
        }
        if (op instanceof Op.AttachMulti m) {
            return rec("op", str("attach_multi"), "prog", num(m.prog()),
                    "targets", seq(m.targets().map(CanonicalState::target)),
                    "cookies", set(m.cookies().map(c -> seq(c.map(TlaValue::num)))), "flags", num(m.flags()),
                    "cnt", set(m.cnt().map(TlaValue::num)), "fault", fault);
        }
        if (op instanceof Op.CloseLink c) {
            return rec("op", str("close_link"), "link", num(c.link()), "fault", fault);
        }
        if (op instanceof Op.DetachLink d) {
            return rec("op", str("detach_link"), "link", num(d.link()), "fault", fault);
        }
        Op.UnloadModule u = (Op.UnloadModule) op;
        return rec("op", str("unload_module"), "module", str(u.module()), "fault", fault);
    }

    /** The step a spec step record stands for; Left for anything that is not one. */
    public static Either<String, Step> decode(TlaValue v) {
        try {
            TlaValue.Fn r = fn(v);
            String op = string(r.get("op"));
            Op o = switch (op) {
                case "load" -> new Op.Load(ProgType.parse(string(r.get("type")))
                        .getOrElseThrow(() -> new IllegalArgumentException("prog type " + r.get("type").render())),
                        target(string(r.get("target"))), ((TlaValue.Bool) r.get("sleepable")).value());
                case "close_prog" -> new Op.CloseProg(integer(r.get("prog")));
                case "attach" -> new Op.Attach(integer(r.get("prog")),
                        opt(r.get("retarget")).map(t -> target(string(t))), number(r.get("cookie")));
                case "attach_multi" -> new Op.AttachMulti(integer(r.get("prog")),
                        TlaValue.elements(r.get("targets")).map(t -> target(string(t))),
                        opt(r.get("cookies")).map(c -> TlaValue.elements(c).map(StepCodec::number)),
                        integer(r.get("flags")), opt(r.get("cnt")).map(StepCodec::integer));
                case "close_link" -> new Op.CloseLink(integer(r.get("link")));
                case "detach_link" -> new Op.DetachLink(integer(r.get("link")));
                case "unload_module" -> new Op.UnloadModule(string(r.get("module")));
                default -> throw new IllegalArgumentException("not a syscall: " + op);
            };
            TlaValue.Fn f = fn(r.get("fault"));
            String point = string(f.get("point"));
            if (point.equals("none")) {
                return Either.right(Step.of(o));
            }
            FaultPoint p = FaultPoint.parse(point)
                    .getOrElseThrow(() -> new IllegalArgumentException("fault point " + point));
            return Either.right(new Step(o, Option.of(new Fault(p, integer(f.get("hit"))))));
        } catch (IllegalArgumentException | ClassCastException e) {
            return Either.left("not a step record (" + e.getMessage() + "): " + v.render());
        }
    }

    public static Target target(String s) {
        Matcher m = SUBPROG.matcher(s);
        if (m.matches()) {
            return new Target.Subprog(Integer.parseInt(m.group(1)), m.group(2));
        }
        Matcher p = PROBE.matcher(s);
        return p.matches() ? new Target.SdtProbe(Integer.parseInt(p.group(1)), p.group(2)) : new Target.Func(s);
    }

    private static TlaValue.Fn fn(TlaValue v) {
        return (TlaValue.Fn) v;
    }

    private static String string(TlaValue v) {
        return ((TlaValue.Str) v).value();
    }

    private static long number(TlaValue v) {
        return ((TlaValue.Int) v).value();
    }

    private static int integer(TlaValue v) {
        return Math.toIntExact(number(v));
    }

    private static Option<TlaValue> opt(TlaValue v) {
        List<TlaValue> xs = TlaValue.elements(v);
        if (xs.size() > 1) {
            throw new IllegalArgumentException("an option with " + xs.size() + " elements");
        }
        return xs.headOption();
    }
}
