@ApplicationModule(allowedDependencies = "customers")
package modulefixture.orders;

import org.springframework.modulith.ApplicationModule;
