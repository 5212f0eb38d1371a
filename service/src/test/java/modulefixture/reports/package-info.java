@ApplicationModule(allowedDependencies = "orders")
package modulefixture.reports;

import org.springframework.modulith.ApplicationModule;
