package io.smolsnake.inject;

import dagger.Component;
import javax.inject.Singleton;

@Singleton
@Component(modules = InjectModule.class)
interface InjectComponent {
    Injector injector();
}
