package org.journeyplatform.domain.planted;

/** A planted violation, never used: a domain class that reaches for Spring (ArchitectureTest must find it). */
public class SpringInTheDomain {

    public Object context() {
        return new org.springframework.context.support.GenericApplicationContext();
    }
}
