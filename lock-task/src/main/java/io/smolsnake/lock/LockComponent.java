package io.smolsnake.lock;

import dagger.Component;
import javax.inject.Singleton;

/** Wiring for the Lock Lambda, generated at compile time (no reflection at start-up). */
@Singleton
@Component(modules = LockModule.class)
interface LockComponent {
    LockService service();
}
