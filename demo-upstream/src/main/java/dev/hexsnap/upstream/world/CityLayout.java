package dev.hexsnap.upstream.world;

import dev.hexsnap.core.geo.LatLng;
import dev.hexsnap.core.region.City;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a city's life happens: a downtown, a few business sub-centres, and suburbs out to a
 * radius that grows with the population. Stores and request heat are both drawn from it, so
 * people are where the shops are (mostly). Derived from the seed and the city alone.
 *
 * @param city       the city
 * @param radiusKm   how far the built-up area reaches
 * @param downtownKm spread (standard deviation) of the downtown cluster
 * @param centres    the sub-centres
 */
public record CityLayout(City city, double radiusKm, double downtownKm, List<SubCentre> centres) {

    /** A business district: its position and its spread in km. */
    public record SubCentre(LatLng centre, double spreadKm) {
    }

    static CityLayout of(long seed, City city) {
        Rng rng = Rng.of(seed, city.id(), 0x1A70L);
        double millions = Math.min(25.0, Math.max(0.5, city.population() / 1e6));
        double radius = Math.min(26.0, 9.0 + 2.4 * Math.sqrt(millions));
        double downtown = 2.2 + 0.4 * Math.sqrt(millions);
        int count = rng.between(2, 5);
        List<SubCentre> centres = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double angle = rng.between(0, 2 * Math.PI);
            double distance = radius * rng.between(0.3, 0.65);
            centres.add(new SubCentre(offset(city.centre(), distance, angle), rng.between(1.2, 2.4)));
        }
        return new CityLayout(city, radius, downtown, List.copyOf(centres));
    }

    /** Millions of inhabitants, bounded (the prefecture figures of the largest cities include rural counties). */
    public double millions() {
        return Math.min(25.0, Math.max(0.5, city.population() / 1e6));
    }

    /**
     * A point drawn from the city's mixture: downtown, a sub-centre, or anywhere in the suburbs,
     * with the given weights (the rest goes to the suburbs).
     */
    LatLng draw(Rng rng, double downtownWeight, double centresWeight, double suburbReach) {
        double u = rng.nextDouble();
        for (int attempt = 0; attempt < 20; attempt++) {
            LatLng point;
            if (u < downtownWeight) {
                point = gaussian(city.centre(), downtownKm, rng);
            } else if (u < downtownWeight + centresWeight) {
                SubCentre centre = centres.get(rng.nextInt(centres.size()));
                point = gaussian(centre.centre(), centre.spreadKm(), rng);
            } else {
                double distance = radiusKm * suburbReach * Math.sqrt(rng.nextDouble());
                point = offset(city.centre(), distance, rng.between(0, 2 * Math.PI));
            }
            if (city.centre().distanceMetres(point) <= radiusKm * suburbReach * 1000.0) {
                return point;
            }
        }
        return city.centre();
    }

    /**
     * The {@code n}-th point of request heat of this city under a sampling seed: where people
     * live and work (downtown, the sub-centres, and out past the last store, where requests
     * find no store), with a request count drawn from a long-tailed distribution.
     */
    public HeatPoint heatPoint(long seed, long n) {
        Rng rng = Rng.of(seed, city.id(), n, 0x4EA7L);
        LatLng point = draw(rng, 0.40, 0.35, 1.15);
        int count = (int) Math.min(50_000, Math.max(1, Math.round(Math.exp(2.2 + 1.3 * rng.nextGaussian()))));
        return new HeatPoint(point.lat(), point.lng(), count);
    }

    /** A point of request heat: where, and how many requests. */
    public record HeatPoint(double lat, double lng, int count) {
    }

    private static LatLng gaussian(LatLng centre, double spreadKm, Rng rng) {
        double distance = Math.abs(rng.nextGaussian()) * spreadKm;
        return offset(centre, distance, rng.between(0, 2 * Math.PI));
    }

    static LatLng offset(LatLng from, double km, double angle) {
        double lat = from.lat() + km * Math.sin(angle) / 111.195;
        double lng = from.lng() + km * Math.cos(angle) / (111.195 * Math.cos(Math.toRadians(from.lat())));
        return new LatLng(lat, lng);
    }
}
