package io.storefront.platform;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The service's keys, resolved (and in embedded mode generated) once at start-up. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    private static boolean embedded(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").isBlank();
    }

    @Bean
    SecretBox secretBox(PlatformSettings settings, Environment environment) {
        return new SecretBox(Secrets.encryptionKey(settings.encryptionKey(), embedded(environment), settings.dataDir()));
    }

    @Bean
    JwtSigningKey jwtSigningKey(PlatformSettings settings, Environment environment) {
        return new JwtSigningKey(Secrets.jwtKey(settings.jwtSecret(), embedded(environment), settings.dataDir()));
    }

    @Bean
    JwtEncoder jwtEncoder(JwtSigningKey key) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key.value()));
    }

    @Bean
    JwtDecoder jwtDecoder(JwtSigningKey key) {
        return NimbusJwtDecoder.withSecretKey(key.value()).macAlgorithm(MacAlgorithm.HS256).build();
    }

    record JwtSigningKey(SecretKey value) {}
}
