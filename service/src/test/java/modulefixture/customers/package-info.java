@ApplicationModule(allowedDependencies = {})
package modulefixture.customers;

import org.springframework.modulith.ApplicationModule;
