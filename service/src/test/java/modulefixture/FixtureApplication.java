package modulefixture;

import org.springframework.modulith.Modulithic;

/**
 * The root of a three-module fixture for {@code ModularityTests}: {@code orders} declares the dependency it has,
 * {@code reports} uses {@code customers} without declaring it. Outside {@code io.storefront}, so the application's
 * own module model never sees it.
 */
@Modulithic
public final class FixtureApplication {

    private FixtureApplication() {}
}
