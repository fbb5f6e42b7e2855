package io.smolsnake.verify;

import dagger.Component;
import javax.inject.Singleton;

@Singleton
@Component(modules = VerifyModule.class)
interface VerifyComponent {
    Verifier verifier();
}
