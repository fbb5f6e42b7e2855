package io.smolsnake.lock;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The scratch directory of the Lock stage ({@code /tmp} on Lambda). */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@interface WorkDir {}
