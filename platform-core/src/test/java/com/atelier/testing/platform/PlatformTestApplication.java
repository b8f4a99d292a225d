package com.atelier.testing.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import com.atelier.platform.PlatformCoreConfiguration;

/**
 * platform-core on its own, for its integration tests.
 */
@SpringBootApplication
@Import(PlatformCoreConfiguration.class)
public class PlatformTestApplication {

}
