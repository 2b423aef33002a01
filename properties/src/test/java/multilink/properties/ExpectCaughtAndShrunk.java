package multilink.properties;

import io.vavr.collection.List;
import multilink.model.step.Step;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;


/**
 * Turns "the property must fail" into a passing test, and checks the failure
 * jqwik ends with after shrinking: its chain, minimised, is at most four
 * steps. The last failing chain jqwik ran is its final shrink (every failing
 * candidate becomes the new best), which {@link ModelChainProperties#LAST_BROKEN} records.
 */
final class ExpectCaughtAndShrunk implements AroundPropertyHook {
    static final int MAX_STEPS = 4;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        ModelChainProperties.LAST_BROKEN.set(null);
        PropertyExecutionResult r = property.execute();
        if (r.status() != PropertyExecutionResult.Status.FAILED) {
            return r.mapToFailed("the broken design was not caught");
        }
        List<Step> shrunk = ModelChainProperties.LAST_BROKEN.get();
        List<Step> min = Minimizer.minimize(new LeakyDongV1(), multilink.model.world.DefaultWorld.get(), shrunk);
        System.out.println("jqwik shrunk chain: " + shrunk.size() + " steps; minimised: " + min.size() + "\n  "
                + min.mkString("\n  "));
        if (min.size() > MAX_STEPS) {
            return r.mapToFailed("minimal failing chain has " + min.size() + " steps: " + min);
        }
        return r.mapToSuccessful();
    }
}
