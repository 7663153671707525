package com.example;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit catches a broken layer: running the layer contract on {@link BrokenPRelu} (its α
 * gradient doubled) fails exactly the parameter-gradient law, and the failure names the law and
 * the parameter.
 */
class BrokenLayerIsCaughtTest {

  @Example
  void theContractFailsOnTheBrokenLayerNamingTheLawAndTheParameter() {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BrokenPReluContract.class)).build(),
        listener);
    List<TestExecutionSummary.Failure> failures = listener.getSummary().getFailures();
    List<String> failed = failures.stream().map(f -> f.getTestIdentifier().getDisplayName()).collect(Collectors.toList());
    if (!failed.equals(List.of("parameterGradientsMatchFiniteDifferences"))) {
      throw new AssertionError("expected only the parameter-gradient law to fail, failed: " + failed);
    }
    String message = failures.get(0).getException().getMessage();
    System.out.println("The broken layer fails with:\n" + message);
    if (!message.contains("law 'parameter gradients equal central differences' FAILS for BrokenPRelu at 'alpha'")) {
      throw new AssertionError("the failure must name the law and the parameter 'alpha', got: " + message);
    }
  }
}
